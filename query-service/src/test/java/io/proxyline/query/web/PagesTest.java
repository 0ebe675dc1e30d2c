package io.proxyline.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.proxyline.query.web.Pages.Page;
import io.proxyline.query.web.Pages.Positioned;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PagesTest {

    /** A list of positions 0..end-1 where {@code visible} decides which are shown; counts what is read. */
    private static final class Numbers implements Pages.Source<Long> {
        private final LongPredicate visible;
        long examined;

        Numbers(LongPredicate visible) {
            this.visible = visible;
        }

        @Override
        public List<Positioned<Long>> read(long from, int count) {
            examined += count;
            return LongStream.range(from, from + count).filter(visible).mapToObj(p -> new Positioned<>(p, p)).toList();
        }
    }

    @Test
    void fullPageEndsRightAfterItsLastItem() {
        Page<Long> page = Pages.collect(0, 50, 10, new Numbers(p -> true));

        assertThat(page.items()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(page.next()).hasValue(10);
    }

    @Test
    void lastPageHasNoNextPosition() {
        Page<Long> page = Pages.collect(45, 50, 10, new Numbers(p -> true));

        assertThat(page.items()).containsExactly(45L, 46L, 47L, 48L, 49L);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void pageThatFillsExactlyAtTheEndHasNoNextPosition() {
        assertThat(Pages.collect(40, 50, 10, new Numbers(p -> true)).next()).isEmpty();
    }

    @Test
    void filteredPagesExamineAtMostTheWindowAndMayComeBackShort() {
        Numbers onlyLast = new Numbers(p -> p == 999);

        Page<Long> first = Pages.collect(0, 1000, 100, onlyLast);

        assertThat(first.items()).isEmpty();
        assertThat(first.next()).hasValue(Pages.window(100));
        assertThat(onlyLast.examined).isEqualTo(Pages.window(100));
    }

    @Test
    void followingNextPositionsVisitsEveryVisibleItemOnce() {
        Numbers everyThirteenth = new Numbers(p -> p % 13 == 0);
        List<Long> seen = new ArrayList<>();
        OptionalLong next = OptionalLong.of(0);
        while (next.isPresent()) {
            Page<Long> page = Pages.collect(next.getAsLong(), 2000, 7, everyThirteenth);
            seen.addAll(page.items());
            next = page.next();
        }

        assertThat(seen).isEqualTo(LongStream.range(0, 2000).filter(p -> p % 13 == 0).boxed().toList());
    }

    @Test
    void startBeyondTheEndIsAnEmptyLastPage() {
        Page<Long> page = Pages.collect(5000, 10, 10, new Numbers(p -> true));

        assertThat(page.items()).isEmpty();
        assertThat(page.next()).isEmpty();
    }
}
