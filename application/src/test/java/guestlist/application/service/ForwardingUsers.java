package guestlist.application.service;

import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.paging.PagePosition;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Passes every call to another repository; tests override one method to stage a race. */
class ForwardingUsers implements UserRepository {

    private final UserRepository delegate;

    ForwardingUsers(UserRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public LocalUser add(NewUser user, String passwordHash) {
        return delegate.add(user, passwordHash);
    }

    @Override
    public Optional<LocalUser> findById(LocalUserId id) {
        return delegate.findById(id);
    }

    @Override
    public List<LocalUser> findAllById(Collection<LocalUserId> ids) {
        return delegate.findAllById(ids);
    }

    @Override
    public Optional<LocalUser> lockById(LocalUserId id) {
        return delegate.lockById(id);
    }

    @Override
    public Optional<StoredCredentials> findCredentials(String usernameOrEmail) {
        return delegate.findCredentials(usernameOrEmail);
    }

    @Override
    public boolean nameTaken(Username name) {
        return delegate.nameTaken(name);
    }

    @Override
    public boolean emailTaken(EmailAddress email) {
        return delegate.emailTaken(email);
    }

    @Override
    public boolean anyAdmin() {
        return delegate.anyAdmin();
    }

    @Override
    public List<LocalUser> admins() {
        return delegate.admins();
    }

    @Override
    public void setAcceptedApplication(LocalUserId userId, boolean accepted) {
        delegate.setAcceptedApplication(userId, accepted);
    }

    @Override
    public Optional<String> findPasswordHash(LocalUserId id) {
        return delegate.findPasswordHash(id);
    }

    @Override
    public void setPasswordHash(LocalUserId userId, String passwordHash) {
        delegate.setPasswordHash(userId, passwordHash);
    }

    @Override
    public List<LocalUser> list(UserFilter filter, Instant now, Optional<PagePosition> after, int limit) {
        return delegate.list(filter, now, after, limit);
    }
}
