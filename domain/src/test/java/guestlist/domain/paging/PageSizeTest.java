package guestlist.domain.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageSizeTest {

    @Test
    void oneIsTheSmallest() {
        assertThat(PageSize.of(Optional.of(1)).value()).isEqualTo(1);
    }

    @Test
    void fiftyIsTheLargest() {
        assertThat(PageSize.of(Optional.of(50)).value()).isEqualTo(50);
    }

    @Test
    void twentyWhenNotAsked() {
        assertThat(PageSize.of(Optional.empty()).value()).isEqualTo(20);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 51, -1, Integer.MIN_VALUE, Integer.MAX_VALUE})
    void sizesOutsideOneToFiftyAreRefused(int asked) {
        assertThatThrownBy(() -> PageSize.of(Optional.of(asked)))
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.PAGE_SIZE));
    }
}
