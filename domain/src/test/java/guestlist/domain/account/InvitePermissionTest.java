package guestlist.domain.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.Refusal;
import guestlist.domain.Rule;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InvitePermissionTest {

    @Test
    void anAllowedAccountMayInvite() {
        assertThatCode(InvitePermission.ALLOWED::requireCanInvite).doesNotThrowAnyException();
        assertThat(InvitePermission.ALLOWED.reason()).isEmpty();
    }

    @Test
    void aDisabledAccountIsRefusedWithTheAdminsReason() {
        InvitePermission disabled = InvitePermission.disabled("invited a spam ring");

        assertThat(disabled.canInvite()).isFalse();
        assertThatThrownBy(disabled::requireCanInvite)
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.INVITES_DISABLED))
                .hasMessageContaining("invited a spam ring");
    }

    @Test
    void aBlankReasonIsLeftOutOfTheMessage() {
        assertThatThrownBy(InvitePermission.disabled(" ")::requireCanInvite)
                .isInstanceOf(Refusal.class)
                .hasMessage("you may not create invites");
    }

    @Test
    void theReasonIsBounded() {
        assertThat(InvitePermission.disabled("r".repeat(ModerationReason.MAX_LENGTH))
                        .reason())
                .hasValue("r".repeat(ModerationReason.MAX_LENGTH));
        assertThatThrownBy(() -> InvitePermission.disabled("r".repeat(ModerationReason.MAX_LENGTH + 1)))
                .isInstanceOfSatisfying(
                        Refusal.class, refusal -> assertThat(refusal.rule()).isEqualTo(Rule.MODERATION_REASON_LENGTH));
        assertThatThrownBy(() -> InvitePermission.disabled(null)).isInstanceOf(Refusal.class);
    }

    @Test
    void anAllowingPermissionCarriesNoReason() {
        assertThatThrownBy(() -> new InvitePermission(true, Optional.of("why")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
