package guestlist.application.service;

import guestlist.application.port.out.ModerationRepository;
import guestlist.domain.account.Ban;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Passes every call to another repository; tests override one method to make a step fail. */
class ForwardingModeration implements ModerationRepository {

    private final ModerationRepository delegate;

    ForwardingModeration(ModerationRepository delegate) {
        this.delegate = delegate;
    }

    @Override
    public void serialize() {
        delegate.serialize();
    }

    @Override
    public Batch ban(Scope scope, Ban ban, Instant now, Optional<Position> after, int limit) {
        return delegate.ban(scope, ban, now, after, limit);
    }

    @Override
    public Batch unban(Scope scope, Instant now, Optional<Position> after, int limit) {
        return delegate.unban(scope, now, after, limit);
    }

    @Override
    public Revoked revokeInvites(Scope scope) {
        return delegate.revokeInvites(scope);
    }

    @Override
    public long setInvitePermission(Scope scope, InvitePermission permission) {
        return delegate.setInvitePermission(scope, permission);
    }

    @Override
    public ModerationEntry append(ModerationEntry.New entry) {
        return delegate.append(entry);
    }

    @Override
    public List<ModerationEntry> log(Optional<PagePosition> before, int limit) {
        return delegate.log(before, limit);
    }
}
