package guestlist.domain.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class KeysetTest {

    @Test
    void asksForOneItemMoreThanThePageHolds() {
        List<Integer> asked = new ArrayList<>();

        Keyset.page(
                new PageSize(3),
                limit -> {
                    asked.add(limit);
                    return List.<Long>of();
                },
                Long::longValue);

        assertThat(asked).containsExactly(4);
    }

    @Test
    void oneItemMoreMeansANextPageAfterTheLastItemServed() {
        Page<Long> page = Keyset.page(new PageSize(3), limit -> ids(limit), Long::longValue);

        assertThat(page.items()).containsExactly(1L, 2L, 3L);
        assertThat(page.next()).contains(new PagePosition(3));
    }

    @Test
    void aFullPageWithNothingAfterItIsTheLast() {
        Page<Long> page = Keyset.page(new PageSize(3), limit -> ids(3), Long::longValue);

        assertThat(page.items()).containsExactly(1L, 2L, 3L);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void aShortPageIsTheLast() {
        Page<Long> page = Keyset.page(new PageSize(3), limit -> ids(1), Long::longValue);

        assertThat(page.items()).containsExactly(1L);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void nothingFoundIsAnEmptyLastPage() {
        Page<Long> page = Keyset.page(new PageSize(1), limit -> ids(0), Long::longValue);

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @Test
    void theNextPageStartsAfterTheIdOfTheLastItemNotItsPlace() {
        Page<String> page = Keyset.page(
                new PageSize(2),
                limit -> List.of("id 90", "id 70", "id 40"),
                item -> Long.parseLong(item.substring(3)));

        assertThat(page.items()).containsExactly("id 90", "id 70");
        assertThat(page.next()).contains(new PagePosition(70));
    }

    private static List<Long> ids(int count) {
        return LongStream.rangeClosed(1, count).boxed().toList();
    }
}
