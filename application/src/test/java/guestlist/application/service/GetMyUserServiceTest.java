package guestlist.application.service;

import static guestlist.application.service.Guestlist.form;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.GetMyUserUseCase.MyUser;
import guestlist.domain.account.LocalUser;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GetMyUserServiceTest {

    private final Guestlist guestlist = new Guestlist();

    private MyUser myUser(LocalUser actor) {
        return guestlist.app.useCases().getMyUser().getMyUser(actor);
    }

    @Test
    void anInvitedAccountLearnsWhoInvitedIt() {
        LocalUser alice = guestlist.member("alice");
        guestlist.mode(RegistrationMode.REQUIRE_INVITATION);
        String token = guestlist.invite(alice).token().value();
        LocalUser bob = guestlist.authenticate(
                guestlist.register(form("bob").token(token)).sessionToken().orElseThrow());

        MyUser mine = myUser(bob);

        assertThat(mine.user().id()).isEqualTo(bob.id());
        assertThat(mine.inviter().map(LocalUser::id)).contains(alice.id());
        assertThat(myUser(alice).inviter()).as("alice joined without an invite").isEmpty();
    }

    @Test
    void theAllowanceCountsTheUsableInvitesHeldAndTodaysCreations() {
        guestlist.settings(SiteChanges.none().withInvitesPerUserPerDay(4));
        guestlist.cap(3);
        LocalUser alice = guestlist.member("alice");
        guestlist.invite(alice);
        guestlist.revoke(alice, guestlist.invite(alice));

        MyUser mine = myUser(alice);

        assertThat(mine.allowance().unlimited()).isFalse();
        assertThat(mine.allowance().cap()).isEqualTo(3);
        assertThat(mine.allowance().usableHeld()).isEqualTo(1);
        assertThat(mine.allowance().perDay()).isEqualTo(4);
        assertThat(mine.allowance().createdLastDay())
                .as("the revoked one counts for the day")
                .isEqualTo(OptionalLong.of(2));
        assertThat(mine.allowance().mayCreateNow()).isTrue();
    }

    @Test
    void theAccountIsReadAsStoredNotAsTheSessionRemembersIt() {
        LocalUser alice = guestlist.member("alice");
        guestlist
                .app
                .useCases()
                .changeInvitePermission()
                .changeInvitePermission(new guestlist.application.port.in.ChangeInvitePermissionCommand(
                        guestlist.admin, alice.id(), false, false, "spam"));

        assertThat(myUser(alice).allowance().disabledReason()).isEqualTo(Optional.of("spam"));
        assertThat(myUser(alice).user().invitePermission().canInvite()).isFalse();
    }

    @Test
    void anAdminIsUnlimited() {
        assertThat(myUser(guestlist.admin).allowance().unlimited()).isTrue();
    }
}
