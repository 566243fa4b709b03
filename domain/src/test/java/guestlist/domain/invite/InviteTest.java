package guestlist.domain.invite;

import static guestlist.domain.Fixtures.NOW;
import static guestlist.domain.Fixtures.admin;
import static guestlist.domain.Fixtures.invite;
import static guestlist.domain.Fixtures.member;
import static guestlist.domain.Fixtures.token;
import static guestlist.domain.Fixtures.unlimitedInvite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUserId;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class InviteTest {

    private static final Duration YEAR = Duration.ofDays(365);
    private static final LocalUserId CREATOR = new LocalUserId(42);

    // --- issue -------------------------------------------------------------------------------

    @Test
    void issuedInviteKeepsWhatWasAsked() {
        Instant expiry = NOW.plus(Duration.ofDays(2));
        NewInvite issued =
                Invite.issue(token('t'), CREATOR, Optional.of(3), Optional.of(expiry), Optional.of("for Bob"), NOW);
        assertThat(issued)
                .isEqualTo(new NewInvite(
                        token('t'), CREATOR, Optional.of(3), Optional.of(expiry), NOW, Optional.of("for Bob")));
        Invite stored = issued.withId(new InviteId(9));
        assertThat(stored.usesCount()).isZero();
        assertThat(stored.id()).isEqualTo(new InviteId(9));
    }

    @Test
    void unlimitedNeverExpiringInviteIsAllowed() {
        NewInvite issued = Invite.issue(token('t'), CREATOR, Optional.empty(), Optional.empty(), Optional.empty(), NOW);
        assertThat(issued.maxUses()).isEmpty();
        assertThat(issued.expiresAt()).isEmpty();
        assertThat(issued.comment()).isEmpty();
    }

    // --- comment ---------------------------------------------------------------------------------

    @Test
    void commentOfTwoHundredCharactersIsTheLongest() {
        assertThat(issueWithComment("c".repeat(200)).comment()).contains("c".repeat(200));
        assertRefused(Rule.INVITE_COMMENT_LENGTH, () -> issueWithComment("c".repeat(201)));
    }

    @Test
    void commentLengthCountsCharactersNotUtf16Units() {
        String twoHundredEmoji = "\uD83C\uDF89".repeat(200);
        assertThat(issueWithComment(twoHundredEmoji).comment()).contains(twoHundredEmoji);
        assertRefused(Rule.INVITE_COMMENT_LENGTH, () -> issueWithComment(twoHundredEmoji + "x"));
    }

    @Test
    void emptyCommentIsNone() {
        assertThat(issueWithComment("").comment()).isEmpty();
    }

    @Test
    void commentIsKeptAsWrittenAndGoesWithEveryUse() {
        NewInvite issued = issueWithComment("  for my sister, <b>Ann</b>  ");
        Invite stored = issued.withId(new InviteId(3));

        assertThat(stored.comment()).contains("  for my sister, <b>Ann</b>  ");
        assertThat(stored.redeem(NOW).comment()).isEqualTo(stored.comment());
    }

    @Test
    void maxUsesOfOneIsAllowed() {
        assertThat(issueWithMaxUses(1).maxUses()).contains(1);
    }

    @Test
    void maxUsesOfOneMillionIsAllowed() {
        assertThat(issueWithMaxUses(1_000_000).maxUses()).contains(1_000_000);
    }

    @Test
    void maxUsesOfZeroIsRefused() {
        assertRefused(Rule.INVITE_USE_LIMIT, () -> issueWithMaxUses(0));
    }

    @Test
    void negativeMaxUsesIsRefused() {
        assertRefused(Rule.INVITE_USE_LIMIT, () -> issueWithMaxUses(-1));
    }

    @Test
    void maxUsesAboveOneMillionIsRefused() {
        assertRefused(Rule.INVITE_USE_LIMIT, () -> issueWithMaxUses(1_000_001));
    }

    @Test
    void expiryExactlyNowIsRefused() {
        assertRefused(Rule.INVITE_LIFETIME, () -> issueExpiringAt(NOW));
    }

    @Test
    void expiryInThePastIsRefused() {
        assertRefused(Rule.INVITE_LIFETIME, () -> issueExpiringAt(NOW.minusSeconds(1)));
    }

    @Test
    void expiryOneMicrosecondAheadIsAllowed() {
        assertThat(issueExpiringAt(NOW.plusNanos(1_000)).expiresAt()).contains(NOW.plusNanos(1_000));
    }

    @Test
    void expiryIsKeptToTheMicrosecondSoStorageCannotMoveIt() {
        assertThat(issueExpiringAt(NOW.plusNanos(1_999)).expiresAt()).contains(NOW.plusNanos(1_000));
    }

    @Test
    void expiryLessThanAMicrosecondAheadIsRefused() {
        assertRefused(Rule.INVITE_LIFETIME, () -> issueExpiringAt(NOW.plusNanos(999)));
    }

    @Test
    void expiryExactly365DaysAheadIsAllowed() {
        assertThat(issueExpiringAt(NOW.plus(YEAR)).expiresAt()).contains(NOW.plus(YEAR));
    }

    @Test
    void expiryOneSecondBeyond365DaysIsRefused() {
        assertRefused(Rule.INVITE_LIFETIME, () -> issueExpiringAt(NOW.plus(YEAR).plusSeconds(1)));
    }

    // --- usable, expired, used up ---------------------------------------------------------------

    @Test
    void inviteExpiringExactlyNowIsNotUsable() {
        Invite invite = invite(Optional.empty(), 0, Optional.of(NOW));
        assertThat(invite.expiredAt(NOW)).isTrue();
        assertThat(invite.usableAt(NOW)).isFalse();
    }

    @Test
    void inviteOneMicrosecondBeforeExpiryIsUsable() {
        Invite invite = invite(Optional.empty(), 0, Optional.of(NOW.plus(1, ChronoUnit.MICROS)));
        assertThat(invite.expiredAt(NOW)).isFalse();
        assertThat(invite.usableAt(NOW)).isTrue();
    }

    @Test
    void inviteWhoseUsesReachedMaxUsesIsNotUsable() {
        Invite invite = invite(Optional.of(3), 3, Optional.empty());
        assertThat(invite.usedUp()).isTrue();
        assertThat(invite.usableAt(NOW)).isFalse();
    }

    @Test
    void inviteWithOneUseLeftIsUsable() {
        Invite invite = invite(Optional.of(3), 2, Optional.empty());
        assertThat(invite.usedUp()).isFalse();
        assertThat(invite.usableAt(NOW)).isTrue();
    }

    @Test
    void unlimitedNeverExpiringInviteStaysUsable() {
        Invite invite = invite(Optional.empty(), 1_000_000_000, Optional.empty());
        assertThat(invite.usedUp()).isFalse();
        assertThat(invite.expiredAt(NOW.plus(Duration.ofDays(100_000)))).isFalse();
        assertThat(invite.usableAt(NOW.plus(Duration.ofDays(100_000)))).isTrue();
    }

    @Test
    void negativeUsesCountCannotExist() {
        assertThatThrownBy(() -> invite(Optional.empty(), -1, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- redeem ------------------------------------------------------------------------------------

    @Test
    void redeemTakesOneUseAndChangesNothingElse() {
        Invite before = invite(Optional.of(5), 2, Optional.of(NOW.plusSeconds(60)));
        Invite after = before.redeem(NOW);
        assertThat(after.usesCount()).isEqualTo(3);
        assertThat(after).usingRecursiveComparison().ignoringFields("usesCount").isEqualTo(before);
    }

    @Test
    void redeemingTheLastUseLeavesItUsedUp() {
        Invite after = invite(Optional.of(1), 0, Optional.empty()).redeem(NOW);
        assertThat(after.usesCount()).isEqualTo(1);
        assertThat(after.usedUp()).isTrue();
    }

    @Test
    void redeemingAnUnlimitedInviteNeverUsesItUp() {
        Invite after = unlimitedInvite().redeem(NOW).redeem(NOW).redeem(NOW);
        assertThat(after.usesCount()).isEqualTo(3);
        assertThat(after.usedUp()).isFalse();
    }

    @Test
    void redeemingAUsedUpInviteIsRefused() {
        assertRefused(
                Rule.INVITE_NOT_USABLE,
                () -> invite(Optional.of(2), 2, Optional.empty()).redeem(NOW));
    }

    @Test
    void redeemingAnExpiredInviteIsRefused() {
        assertRefused(
                Rule.INVITE_NOT_USABLE,
                () -> invite(Optional.empty(), 0, Optional.of(NOW)).redeem(NOW));
    }

    // --- revoke ------------------------------------------------------------------------------------

    @Test
    void creatorMayRevoke() {
        assertThat(unlimitedInvite().revocableBy(member(3))).isTrue();
    }

    @Test
    void anyAdminMayRevoke() {
        assertThat(unlimitedInvite().revocableBy(admin(99))).isTrue();
    }

    @Test
    void otherMemberMayNotRevoke() {
        assertThat(unlimitedInvite().revocableBy(member(4))).isFalse();
    }

    private static NewInvite issueWithMaxUses(int maxUses) {
        return Invite.issue(token('t'), CREATOR, Optional.of(maxUses), Optional.empty(), Optional.empty(), NOW);
    }

    private static NewInvite issueExpiringAt(Instant expiry) {
        return Invite.issue(token('t'), CREATOR, Optional.empty(), Optional.of(expiry), Optional.empty(), NOW);
    }

    private static NewInvite issueWithComment(String comment) {
        return Invite.issue(token('t'), CREATOR, Optional.empty(), Optional.empty(), Optional.of(comment), NOW);
    }

    private static void assertRefused(Rule rule, Executable action) {
        assertThatThrownBy(action::execute)
                .isInstanceOfSatisfying(Refusal.class, e -> assertThat(e.rule()).isEqualTo(rule));
    }
}
