package guestlist.adapters.rest;

import guestlist.application.port.in.AuthenticateUseCase;
import guestlist.application.port.in.ChangePasswordUseCase;
import guestlist.application.port.in.CheckHealthUseCase;
import guestlist.application.port.in.CheckInviteValidityUseCase;
import guestlist.application.port.in.CreateInviteUseCase;
import guestlist.application.port.in.DecideRegistrationApplicationUseCase;
import guestlist.application.port.in.EditSiteUseCase;
import guestlist.application.port.in.GetRegistrationApplicationUseCase;
import guestlist.application.port.in.GetSiteUseCase;
import guestlist.application.port.in.ListInvitesUseCase;
import guestlist.application.port.in.ListRegistrationApplicationsUseCase;
import guestlist.application.port.in.LoginUseCase;
import guestlist.application.port.in.LogoutUseCase;
import guestlist.application.port.in.RegisterUseCase;
import guestlist.application.port.in.RevokeInviteUseCase;
import java.util.Objects;

/** The in-ports the REST server drives, one per endpoint (authentication serves every endpoint that needs a user). */
public record RestUseCases(
        RegisterUseCase register,
        LoginUseCase login,
        LogoutUseCase logout,
        ChangePasswordUseCase changePassword,
        AuthenticateUseCase authenticate,
        GetSiteUseCase getSite,
        EditSiteUseCase editSite,
        CreateInviteUseCase createInvite,
        ListInvitesUseCase listInvites,
        RevokeInviteUseCase revokeInvite,
        CheckInviteValidityUseCase checkInviteValidity,
        ListRegistrationApplicationsUseCase listRegistrationApplications,
        GetRegistrationApplicationUseCase getRegistrationApplication,
        DecideRegistrationApplicationUseCase decideRegistrationApplication,
        CheckHealthUseCase checkHealth) {

    public RestUseCases {
        Objects.requireNonNull(register, "register");
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(logout, "logout");
        Objects.requireNonNull(changePassword, "changePassword");
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(getSite, "getSite");
        Objects.requireNonNull(editSite, "editSite");
        Objects.requireNonNull(createInvite, "createInvite");
        Objects.requireNonNull(listInvites, "listInvites");
        Objects.requireNonNull(revokeInvite, "revokeInvite");
        Objects.requireNonNull(checkInviteValidity, "checkInviteValidity");
        Objects.requireNonNull(listRegistrationApplications, "listRegistrationApplications");
        Objects.requireNonNull(getRegistrationApplication, "getRegistrationApplication");
        Objects.requireNonNull(decideRegistrationApplication, "decideRegistrationApplication");
        Objects.requireNonNull(checkHealth, "checkHealth");
    }
}
