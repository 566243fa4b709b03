package guestlist.adapters.rest.json;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A field a request must carry. Jackson refuses a creator property marked so when it is
 * {@code null}, sent as {@code null} or left out alike, with an {@code InvalidNullException}
 * naming it; optional fields simply stay {@code null} (SPEC §3: absent or null).
 */
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@JacksonAnnotationsInside
@JsonSetter(nulls = Nulls.FAIL)
public @interface Required {}
