package guestlist.application.service;

import static guestlist.application.service.Guestlist.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.GetRegistrationApplicationUseCase;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.domain.Rule;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.PersonId;
import org.junit.jupiter.api.Test;

class GetRegistrationApplicationServiceTest {

    private final Guestlist guestlist = new Guestlist();
    private final GetRegistrationApplicationUseCase get =
            guestlist.app.useCases().getRegistrationApplication();

    @Test
    void getsTheApplicationOfAPerson() {
        LocalUser anna = guestlist.applicant("anna", "I paint.");

        ApplicationView view = get.getApplication(guestlist.admin, anna.personId());

        assertThat(view.creator().id()).isEqualTo(anna.id());
        assertThat(view.application().userId()).isEqualTo(anna.id());
        assertThat(view.application().answer()).isEqualTo("I paint.");
        assertThat(view.admin()).isEmpty();
    }

    @Test
    void personWithoutApplicationIsNotFound() {
        LocalUser member = guestlist.member("member");

        assertRefused(() -> get.getApplication(guestlist.admin, member.personId()), Reason.NO_SUCH_APPLICATION);
        assertRefused(() -> get.getApplication(guestlist.admin, new PersonId(987_654)), Reason.NO_SUCH_APPLICATION);
    }

    @Test
    void nonAdminMayNotGet() {
        LocalUser member = guestlist.member("member");
        LocalUser anna = guestlist.applicant("anna", "hello");

        assertRefused(() -> get.getApplication(member, anna.personId()), Rule.ADMIN_ONLY);
    }
}
