package guestlist.domain.site;

import static guestlist.domain.Fixtures.NOW;
import static guestlist.domain.Fixtures.admin;
import static guestlist.domain.Fixtures.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocalSiteTest {

    private static final LocalSite SITE =
            new LocalSite(1, "Guests", RegistrationMode.OPEN, Optional.of("Why do you want to join?"), 5, NOW);

    @Test
    void newSiteRequiresApplicationsAndCapsAtTen() {
        LocalSite site = LocalSite.initial("Fresh", NOW);
        assertThat(site.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
        assertThat(site.maxInvitesPerUser()).isEqualTo(10);
        assertThat(site.applicationQuestion()).isEmpty();
        assertThat(site.name()).isEqualTo("Fresh");
        assertThat(site.publishedAt()).isEqualTo(NOW);
    }

    @Test
    void editWithNothingKeepsEverything() {
        assertThat(SITE.edit(SiteChanges.none())).isEqualTo(SITE);
    }

    @Test
    void editChangesOnlyWhatIsGiven() {
        LocalSite edited = SITE.edit(new SiteChanges(
                Optional.empty(), Optional.of(RegistrationMode.CLOSED), Optional.empty(), Optional.empty()));
        assertThat(edited.registrationMode()).isEqualTo(RegistrationMode.CLOSED);
        assertThat(edited.name()).isEqualTo(SITE.name());
        assertThat(edited.applicationQuestion()).isEqualTo(SITE.applicationQuestion());
        assertThat(edited.maxInvitesPerUser()).isEqualTo(SITE.maxInvitesPerUser());
        assertThat(edited.id()).isEqualTo(SITE.id());
        assertThat(edited.publishedAt()).isEqualTo(SITE.publishedAt());
    }

    @Test
    void editChangesEveryGivenValue() {
        LocalSite edited = SITE.edit(new SiteChanges(
                Optional.of("Renamed"),
                Optional.of(RegistrationMode.REQUIRE_INVITATION),
                Optional.of("Who invited you?"),
                Optional.of(3)));
        assertThat(edited)
                .isEqualTo(new LocalSite(
                        1, "Renamed", RegistrationMode.REQUIRE_INVITATION, Optional.of("Who invited you?"), 3, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n"})
    void blankQuestionClearsIt(String blank) {
        LocalSite edited =
                SITE.edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.of(blank), Optional.empty()));
        assertThat(edited.applicationQuestion()).isEmpty();
    }

    @Test
    void capOfZeroAndOfOneMillionAreAllowed() {
        assertThat(editCap(0).maxInvitesPerUser()).isZero();
        assertThat(editCap(1_000_000).maxInvitesPerUser()).isEqualTo(1_000_000);
    }

    @Test
    void negativeCapIsRefused() {
        assertRefused(Rule.SITE_INVITE_CAP_RANGE, () -> editCap(-1));
    }

    @Test
    void capAboveOneMillionIsRefused() {
        assertRefused(Rule.SITE_INVITE_CAP_RANGE, () -> editCap(1_000_001));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void blankNameIsRefused(String blank) {
        assertRefused(Rule.SITE_NAME_LENGTH, () -> editName(blank));
    }

    @Test
    void nameOfOneHundredCharactersIsTheLongest() {
        assertThat(editName("n".repeat(100)).name()).hasSize(100);
        assertRefused(Rule.SITE_NAME_LENGTH, () -> editName("n".repeat(101)));
    }

    @Test
    void questionOfTenThousandCharactersIsTheLongest() {
        assertThat(editQuestion("q".repeat(10_000)).applicationQuestion()).contains("q".repeat(10_000));
        assertRefused(Rule.SITE_QUESTION_LENGTH, () -> editQuestion("q".repeat(10_001)));
    }

    @Test
    void adminsAreNeverCappedAndNotEvenCounted() {
        LocalSite noInvites = editCap(0);
        AtomicInteger counted = new AtomicInteger();
        assertThatNoException()
                .isThrownBy(() -> noInvites.checkInviteAllowance(admin(1), () -> {
                    counted.incrementAndGet();
                    return 1_000_000;
                }));
        assertThat(counted).hasValue(0);
    }

    @Test
    void capOfZeroRefusesMembersEvenWithNoInvites() {
        assertTooMany(() -> editCap(0).checkInviteAllowance(member(2), () -> 0));
    }

    @Test
    void memberHoldingAsManyAsTheCapIsRefused() {
        assertTooMany(() -> SITE.checkInviteAllowance(member(2), () -> 5));
    }

    @Test
    void memberHoldingMoreThanTheCapIsRefused() {
        assertTooMany(() -> SITE.checkInviteAllowance(member(2), () -> 6));
    }

    @Test
    void memberHoldingOneLessThanTheCapMayCreateOneMore() {
        AtomicInteger counted = new AtomicInteger();
        assertThatNoException()
                .isThrownBy(() -> SITE.checkInviteAllowance(member(2), () -> {
                    counted.incrementAndGet();
                    return 4;
                }));
        assertThat(counted).hasValue(1);
    }

    private static LocalSite editCap(int cap) {
        return SITE.edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(cap)));
    }

    private static LocalSite editName(String name) {
        return SITE.edit(new SiteChanges(Optional.of(name), Optional.empty(), Optional.empty(), Optional.empty()));
    }

    private static LocalSite editQuestion(String question) {
        return SITE.edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.of(question), Optional.empty()));
    }

    private static void assertRefused(Rule rule, Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }

    private static void assertTooMany(Runnable action) {
        assertThatThrownBy(action::run)
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(Rule.INVITE_CAP_REACHED));
    }
}
