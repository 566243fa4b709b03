package guestlist.application.port.out.contract;

import guestlist.application.port.out.InviteBranchRepository;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;

/**
 * One persistence adapter's implementations of every out-port, as the contract tests see them.
 * The in-memory adapter and the PostgreSQL adapter each provide one.
 */
public interface StoreFixture {

    Transactions transactions();

    UserRepository users();

    SiteRepository sites();

    SessionRepository sessions();

    InviteRepository invites();

    RegistrationApplicationRepository applications();

    ModerationRepository moderation();

    InviteBranchRepository branches();

    /** Empties the store and puts back the initial site (mode require_application, cap 10). */
    void reset();
}
