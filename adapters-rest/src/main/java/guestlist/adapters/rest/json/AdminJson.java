package guestlist.adapters.rest.json;

import com.fasterxml.jackson.annotation.JsonProperty;
import guestlist.domain.account.LocalUser;

/**
 * One entry of {@code GET /site}'s {@code admins}. SPEC §3 calls it a {@code Person}; Lemmy's
 * client types call it a {@code PersonView} ({@code {person, is_admin, banned}}). It is both: the
 * person's own fields, plus {@code person} (the same person), {@code is_admin} and {@code banned}.
 */
public record AdminJson(
        long id,
        String name,
        String publishedAt,
        boolean local,
        PersonJson person,
        @JsonProperty("is_admin") boolean isAdmin,
        boolean banned) {

    public static AdminJson from(LocalUser admin) {
        PersonJson person = PersonJson.from(admin);
        return new AdminJson(person.id(), person.name(), person.publishedAt(), person.local(), person, true, false);
    }
}
