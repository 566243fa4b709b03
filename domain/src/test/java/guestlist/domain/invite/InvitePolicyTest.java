package guestlist.domain.invite;

import static guestlist.domain.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Fixtures;
import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.SiteChanges;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvitePolicyTest {

    private static final int CAP = 5;
    private static final int DAILY = 3;
    private static final int MIN_AGE_HOURS = 24;

    /**
     * Every combination of who asks × how old the account is × how many usable invites it holds ×
     * how many it created in the last 24 hours, with the outcome and what storage was asked ("-"
     * nothing; "usable" the usable invites held; "daily" when the creator made the n-th latest of its
     * invites, n being the daily limit).
     *
     * <ul>
     *   <li>age: {@code any} = no minimum age and an account made just now; {@code older},
     *       {@code exactly}, {@code younger} = a minimum of 24 hours and an account 25 hours,
     *       exactly 24 hours, 24 hours less a second old;</li>
     *   <li>held: {@code below} = 4 of a cap of 5, {@code at} = 5 of 5;</li>
     *   <li>daily: {@code off} = no daily limit, {@code below} = 2 created of a limit of 3 (the 3rd
     *       latest creation is older than 24 hours), {@code at} = 3 of 3 (the 3rd latest is an hour
     *       old).</li>
     * </ul>
     */
    @ParameterizedTest(name = "{0}, age {1}, held {2}, daily {3} -> {4} (counted {5})")
    @CsvSource(textBlock = """
            admin,  any,     below, off,   allowed,                    -
            admin,  any,     below, below, allowed,                    -
            admin,  any,     below, at,    allowed,                    -
            admin,  any,     at,    off,   allowed,                    -
            admin,  any,     at,    below, allowed,                    -
            admin,  any,     at,    at,    allowed,                    -
            admin,  older,   below, off,   allowed,                    -
            admin,  older,   below, below, allowed,                    -
            admin,  older,   below, at,    allowed,                    -
            admin,  older,   at,    off,   allowed,                    -
            admin,  older,   at,    below, allowed,                    -
            admin,  older,   at,    at,    allowed,                    -
            admin,  exactly, below, off,   allowed,                    -
            admin,  exactly, below, below, allowed,                    -
            admin,  exactly, below, at,    allowed,                    -
            admin,  exactly, at,    off,   allowed,                    -
            admin,  exactly, at,    below, allowed,                    -
            admin,  exactly, at,    at,    allowed,                    -
            admin,  younger, below, off,   allowed,                    -
            admin,  younger, below, below, allowed,                    -
            admin,  younger, below, at,    allowed,                    -
            admin,  younger, at,    off,   allowed,                    -
            admin,  younger, at,    below, allowed,                    -
            admin,  younger, at,    at,    allowed,                    -
            member, any,     below, off,   allowed,                    usable
            member, any,     below, below, allowed,                    usable daily
            member, any,     below, at,    INVITE_DAILY_LIMIT_REACHED, usable daily
            member, any,     at,    off,   INVITE_CAP_REACHED,         usable
            member, any,     at,    below, INVITE_CAP_REACHED,         usable
            member, any,     at,    at,    INVITE_CAP_REACHED,         usable
            member, older,   below, off,   allowed,                    usable
            member, older,   below, below, allowed,                    usable daily
            member, older,   below, at,    INVITE_DAILY_LIMIT_REACHED, usable daily
            member, older,   at,    off,   INVITE_CAP_REACHED,         usable
            member, older,   at,    below, INVITE_CAP_REACHED,         usable
            member, older,   at,    at,    INVITE_CAP_REACHED,         usable
            member, exactly, below, off,   allowed,                    usable
            member, exactly, below, below, allowed,                    usable daily
            member, exactly, below, at,    INVITE_DAILY_LIMIT_REACHED, usable daily
            member, exactly, at,    off,   INVITE_CAP_REACHED,         usable
            member, exactly, at,    below, INVITE_CAP_REACHED,         usable
            member, exactly, at,    at,    INVITE_CAP_REACHED,         usable
            member, younger, below, off,   ACCOUNT_TOO_NEW_TO_INVITE,  -
            member, younger, below, below, ACCOUNT_TOO_NEW_TO_INVITE,  -
            member, younger, below, at,    ACCOUNT_TOO_NEW_TO_INVITE,  -
            member, younger, at,    off,   ACCOUNT_TOO_NEW_TO_INVITE,  -
            member, younger, at,    below, ACCOUNT_TOO_NEW_TO_INVITE,  -
            member, younger, at,    at,    ACCOUNT_TOO_NEW_TO_INVITE,  -
            """)
    void decidesEveryCreatorAgeHoldingAndDailyCount(
            String who, String age, String held, String daily, String expected, String counted) {
        LocalSite site = LocalSite.initial("Guests", NOW.minus(Duration.ofDays(400)))
                .edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(CAP))
                        .withInviteMinAccountAgeHours(age.equals("any") ? 0 : MIN_AGE_HOURS)
                        .withInvitesPerUserPerDay(daily.equals("off") ? 0 : DAILY));
        Instant joined = switch (age) {
            case "any" -> NOW;
            case "older" -> NOW.minus(Duration.ofHours(MIN_AGE_HOURS + 1));
            case "exactly" -> NOW.minus(Duration.ofHours(MIN_AGE_HOURS));
            case "younger" -> NOW.minus(Duration.ofHours(MIN_AGE_HOURS)).plusSeconds(1);
            default -> throw new IllegalArgumentException(age);
        };
        LocalUser creator = who.equals("admin") ? admin(joined) : Fixtures.memberSince(2, joined);
        List<String> asked = new ArrayList<>();
        List<Integer> nth = new ArrayList<>();
        InvitePolicy.Creation creation = new InvitePolicy.Creation(
                site,
                creator,
                NOW,
                () -> {
                    asked.add("usable");
                    return held.equals("below") ? CAP - 1 : CAP;
                },
                n -> {
                    asked.add("daily");
                    nth.add(n);
                    return Optional.of(
                            daily.equals("at") ? NOW.minus(Duration.ofHours(1)) : NOW.minus(Duration.ofHours(25)));
                });

        if (expected.equals("allowed")) {
            assertThatNoException().isThrownBy(() -> InvitePolicy.checkMayCreate(creation));
        } else {
            assertThatThrownBy(() -> InvitePolicy.checkMayCreate(creation))
                    .isInstanceOfSatisfying(
                            Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.valueOf(expected)));
        }
        assertThat(String.join(" ", asked)).isEqualTo(counted.equals("-") ? "" : counted);
        assertThat(nth).allSatisfy(n -> assertThat(n).isEqualTo(DAILY));
    }

    @Test
    void capOfZeroRefusesMembersEvenWithNoInvitesAndSaysOnlyAdminsInvite() {
        LocalSite onlyAdmins = LocalSite.initial("Guests", NOW)
                .edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(0)));

        assertThatThrownBy(() -> InvitePolicy.checkMayCreate(
                        new InvitePolicy.Creation(onlyAdmins, Fixtures.member(2), NOW, () -> 0, n -> Optional.empty())))
                .isInstanceOfSatisfying(Refusal.class, e -> {
                    assertThat(e.rule()).isEqualTo(Rule.INVITE_CAP_REACHED);
                    assertThat(e.getMessage()).contains("only admins");
                });
        assertThatNoException()
                .isThrownBy(() -> InvitePolicy.checkMayCreate(
                        new InvitePolicy.Creation(onlyAdmins, Fixtures.admin(1), NOW, () -> 0, n -> Optional.empty())));
    }

    @Test
    void withoutAMinimumAgeAnAccountFromALittleAheadOfThisClockMayInvite() {
        // another server process, whose clock is a little ahead, made the account
        LocalUser fromTheFuture = Fixtures.memberSince(2, NOW.plusSeconds(2));

        assertThatNoException()
                .isThrownBy(() -> InvitePolicy.checkMayCreate(new InvitePolicy.Creation(
                        LocalSite.initial("Guests", NOW), fromTheFuture, NOW, () -> 0, n -> Optional.empty())));
    }

    @Test
    void refusalForATooNewAccountNamesTheMinimumAge() {
        LocalSite site =
                LocalSite.initial("Guests", NOW).edit(SiteChanges.none().withInviteMinAccountAgeHours(72));

        assertThatThrownBy(() -> InvitePolicy.checkMayCreate(
                        new InvitePolicy.Creation(site, Fixtures.member(2), NOW, () -> 0, n -> Optional.empty())))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.getMessage()).contains("72 hours"));
    }

    @Test
    void dailyLimitOfOneAllowsExactlyOneCreationADay() {
        LocalSite site =
                LocalSite.initial("Guests", NOW).edit(SiteChanges.none().withInvitesPerUserPerDay(1));

        assertThatNoException()
                .isThrownBy(() -> InvitePolicy.checkMayCreate(
                        new InvitePolicy.Creation(site, Fixtures.member(2), NOW, () -> 0, n -> Optional.empty())));
        assertThatThrownBy(() -> InvitePolicy.checkMayCreate(new InvitePolicy.Creation(
                        site, Fixtures.member(2), NOW, () -> 0, n -> Optional.of(NOW.minusSeconds(60)))))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.INVITE_DAILY_LIMIT_REACHED));
    }

    /**
     * The window is the 24 hours before now, its start excluded: a creation made exactly 24 hours
     * ago no longer counts, one a microsecond later does.
     */
    @Test
    void theDailyWindowExcludesACreationExactly24HoursOld() {
        LocalSite site =
                LocalSite.initial("Guests", NOW).edit(SiteChanges.none().withInvitesPerUserPerDay(2));
        Instant dayAgo = NOW.minus(Duration.ofHours(24));

        assertThatNoException()
                .isThrownBy(() -> InvitePolicy.checkMayCreate(
                        new InvitePolicy.Creation(site, Fixtures.member(2), NOW, () -> 0, n -> Optional.of(dayAgo))));
        assertThatThrownBy(() -> InvitePolicy.checkMayCreate(new InvitePolicy.Creation(
                        site, Fixtures.member(2), NOW, () -> 0, n -> Optional.of(dayAgo.plusNanos(1_000)))))
                .isInstanceOfSatisfying(
                        Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.INVITE_DAILY_LIMIT_REACHED));
    }

    /**
     * The refusal says when the next creation is allowed: once the oldest creation that counts is 24
     * hours old.
     */
    @Test
    void theDailyRefusalSaysWhenTheNextCreationIsAllowed() {
        LocalSite site =
                LocalSite.initial("Guests", NOW).edit(SiteChanges.none().withInvitesPerUserPerDay(5));
        Instant fifthLatest = NOW.minus(Duration.ofHours(20));

        assertThatThrownBy(() -> InvitePolicy.checkMayCreate(new InvitePolicy.Creation(
                        site, Fixtures.member(2), NOW, () -> 0, n -> Optional.of(fifthLatest))))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        e -> assertThat(e.getMessage())
                                .contains("limit of 5 invites")
                                .contains(NOW.plus(Duration.ofHours(4)).toString()));
    }

    private static LocalUser admin(Instant joined) {
        LocalUser admin = Fixtures.admin(1);
        return new LocalUser(
                admin.id(),
                admin.name(),
                admin.email(),
                true,
                true,
                admin.invitedBy(),
                joined,
                admin.ban(),
                admin.invitePermission(),
                admin.inviteeCount());
    }
}
