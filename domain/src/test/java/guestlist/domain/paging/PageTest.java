package guestlist.domain.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void mapTurnsEveryItemInOrderAndKeepsWhereTheNextPageStarts() {
        Page<Integer> numbers = new Page<>(List.of(3, 1, 2), Optional.of(new PagePosition(2)));

        Page<String> words = numbers.map(n -> "#" + n);

        assertThat(words.items()).containsExactly("#3", "#1", "#2");
        assertThat(words.next()).contains(new PagePosition(2));
    }

    @Test
    void mapOfTheLastPageIsTheLastPage() {
        assertThat(new Page<>(List.of(7), Optional.empty()).map(n -> n * 2))
                .isEqualTo(new Page<>(List.of(14), Optional.empty()));
    }
}
