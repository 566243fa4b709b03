package guestlist.domain.invite;

import static guestlist.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.domain.Fixtures;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.SiteChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class InviteAllowanceTest {

    private final List<String> asked = new ArrayList<>();

    private static LocalSite site(int cap, int minAgeHours, int perDay) {
        return LocalSite.initial("Guests", NOW.minus(Duration.ofDays(400)))
                .edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(cap))
                        .withInviteMinAccountAgeHours(minAgeHours)
                        .withInvitesPerUserPerDay(perDay));
    }

    private InviteAllowance allowance(LocalSite site, LocalUser creator, long held, long createdLastDay) {
        return InvitePolicy.allowance(new InvitePolicy.Creation(
                site,
                creator,
                NOW,
                () -> {
                    asked.add("usable");
                    return held;
                },
                n -> {
                    if (!asked.contains("daily")) {
                        asked.add("daily");
                    }
                    // the n-th latest creation: within the last day for the first createdLastDay,
                    // and one older than the window before them
                    return n <= createdLastDay
                            ? Optional.of(NOW.minus(Duration.ofHours(23)))
                            : Optional.of(NOW.minus(Duration.ofHours(25)));
                }));
    }

    @Test
    void aMemberSeesTheCapTheDailyLimitAndWhatIsLeftOfThem() {
        InviteAllowance allowance = allowance(site(5, 0, 3), Fixtures.member(2), 4, 1);

        assertThat(allowance.unlimited()).isFalse();
        assertThat(allowance.cap()).isEqualTo(5);
        assertThat(allowance.usableHeld()).isEqualTo(4);
        assertThat(allowance.perDay()).isEqualTo(3);
        assertThat(allowance.createdLastDay()).isEqualTo(OptionalLong.of(1));
        assertThat(allowance.mayInviteFrom()).isEmpty();
        assertThat(allowance.disabledReason()).isEmpty();
        assertThat(allowance.mayCreateNow()).isTrue();
        assertThat(asked).containsExactly("usable", "daily");
    }

    @Test
    void withoutADailyLimitTheDailyCountIsNotAskedFor() {
        InviteAllowance allowance = allowance(site(5, 0, 0), Fixtures.member(2), 5, 99);

        assertThat(allowance.createdLastDay()).isEmpty();
        assertThat(allowance.mayCreateNow()).as("the cap is reached").isFalse();
        assertThat(asked).containsExactly("usable");
    }

    @Test
    void theDailyLimitReachedMeansNoMoreToday() {
        assertThat(allowance(site(5, 0, 3), Fixtures.member(2), 0, 3).mayCreateNow())
                .isFalse();
        assertThat(allowance(site(5, 0, 3), Fixtures.member(2), 0, 7).createdLastDay())
                .as("counted up to the limit")
                .isEqualTo(OptionalLong.of(3));
        assertThat(allowance(site(5, 0, 10), Fixtures.member(2), 0, 6).createdLastDay())
                .isEqualTo(OptionalLong.of(6));
    }

    @Test
    void aYoungAccountLearnsWhenItMayInvite() {
        Instant joined = NOW.minus(Duration.ofHours(2));
        InviteAllowance allowance = allowance(site(5, 24, 0), Fixtures.memberSince(2, joined), 0, 0);

        assertThat(allowance.mayInviteFrom()).contains(joined.plus(Duration.ofHours(24)));
        assertThat(allowance.mayCreateNow()).isFalse();
        assertThat(allowance(site(5, 24, 0), Fixtures.memberSince(2, NOW.minus(Duration.ofHours(24))), 0, 0)
                        .mayInviteFrom())
                .as("exactly old enough")
                .isEmpty();
    }

    @Test
    void anAdminIsUnlimitedAndNothingIsCounted() {
        InviteAllowance allowance = allowance(site(0, 24, 3), Fixtures.admin(1), 0, 0);

        assertThat(allowance.unlimited()).isTrue();
        assertThat(allowance.mayCreateNow()).isTrue();
        assertThat(asked).isEmpty();
    }

    @Test
    void aWithdrawnRightCarriesTheAdminsReason() {
        LocalUser member = Fixtures.member(2);
        LocalUser withdrawn = new LocalUser(
                member.id(),
                member.name(),
                member.email(),
                false,
                true,
                Optional.empty(),
                NOW,
                Optional.empty(),
                InvitePermission.disabled("spam"),
                0);

        InviteAllowance allowance = allowance(site(5, 0, 0), withdrawn, 0, 0);

        assertThat(allowance.disabledReason()).contains("spam");
        assertThat(allowance.mayCreateNow()).isFalse();
    }
}
