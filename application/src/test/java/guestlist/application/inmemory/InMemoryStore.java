package guestlist.application.inmemory;

import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.out.AlreadyStoredException;
import guestlist.application.port.out.InviteBranchRepository;
import guestlist.application.port.out.InviteRepository;
import guestlist.application.port.out.ModerationRepository;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.SessionRepository;
import guestlist.application.port.out.SiteRepository;
import guestlist.application.port.out.StorageHealth;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.Unavailable;
import guestlist.application.port.out.UserRepository;
import guestlist.application.port.out.contract.StoreFixture;
import guestlist.domain.account.Ban;
import guestlist.domain.account.EmailAddress;
import guestlist.domain.account.InviteBranch;
import guestlist.domain.account.InvitePermission;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.NewUser;
import guestlist.domain.account.Username;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import guestlist.domain.invite.Invite;
import guestlist.domain.invite.InviteId;
import guestlist.domain.invite.InviteToken;
import guestlist.domain.invite.NewInvite;
import guestlist.domain.moderation.ModerationEntry;
import guestlist.domain.moderation.ModerationEntryId;
import guestlist.domain.moderation.Scope;
import guestlist.domain.paging.PagePosition;
import guestlist.domain.site.LocalSite;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Every out-port in memory, for fast application tests and to show the ports can be swapped.
 * A transaction holds one lock over the whole store (so "row locks" are trivially given) and
 * restores a snapshot when its block throws.
 */
public final class InMemoryStore implements StoreFixture {

    private final ReentrantLock lock = new ReentrantLock();
    private State state = State.initial();
    private volatile boolean reachable = true;

    private final Transactions transactions = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            if (!reachable) {
                throw new Unavailable("the in-memory store is switched off");
            }
            lock.lock();
            try {
                if (lock.getHoldCount() > 1) {
                    return work.get();
                }
                State before = state.copy();
                try {
                    return work.get();
                } catch (RuntimeException | Error failure) {
                    state = before;
                    throw failure;
                }
            } finally {
                lock.unlock();
            }
        }
    };

    private final UserRepository users = new Users();
    private final SiteRepository sites = new Sites();
    private final SessionRepository sessions = new Sessions();
    private final InviteRepository invites = new Invites();
    private final RegistrationApplicationRepository applications = new Applications();
    private final ModerationRepository moderation = new Moderation();
    private final InviteBranchRepository branches = new Branches();
    private final StorageHealth health = () -> reachable;

    @Override
    public Transactions transactions() {
        return transactions;
    }

    @Override
    public UserRepository users() {
        return users;
    }

    @Override
    public SiteRepository sites() {
        return sites;
    }

    @Override
    public SessionRepository sessions() {
        return sessions;
    }

    @Override
    public InviteRepository invites() {
        return invites;
    }

    @Override
    public RegistrationApplicationRepository applications() {
        return applications;
    }

    @Override
    public ModerationRepository moderation() {
        return moderation;
    }

    @Override
    public InviteBranchRepository branches() {
        return branches;
    }

    public StorageHealth health() {
        return health;
    }

    /** Makes every later transaction fail as an unreachable database would. */
    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    /**
     * Everything stored, as text (every account, session, invite, application, log line and the
     * site): two equal answers mean that nothing was written in between.
     */
    public String contents() {
        lock.lock();
        try {
            return String.join(
                    "\n",
                    state.users().toString(),
                    state.sessions().toString(),
                    state.invites().toString(),
                    state.applications().toString(),
                    state.moderationLog().toString(),
                    state.site().toString(),
                    Long.toString(state.nextId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void reset() {
        lock.lock();
        try {
            state = State.initial();
        } finally {
            lock.unlock();
        }
    }

    private void requireTransaction() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("out-ports are used inside Transactions.inTransaction only");
        }
    }

    private record StoredUser(LocalUser user, String passwordHash) {}

    private record Session(LocalUserId userId, Optional<Instant> expiresAt) {}

    /** The record that an invite was added: who added it, when. */
    private record Added(LocalUserId creatorId, Instant at) {}

    /** Everything stored, by the number of each id; copied whole at the start of each transaction. */
    private static final class State {
        private final NavigableMap<Long, StoredUser> users;
        private final NavigableMap<String, Session> sessions;
        private final NavigableMap<Long, Invite> invites;
        private final NavigableMap<Long, RegistrationApplication> applications;
        private final NavigableMap<Long, ModerationEntry> moderationLog;
        private final List<Added> added;
        private final List<Instant> signups;
        private LocalSite site;
        private long nextId;

        private State(
                NavigableMap<Long, StoredUser> users,
                LocalSite site,
                NavigableMap<String, Session> sessions,
                NavigableMap<Long, Invite> invites,
                NavigableMap<Long, RegistrationApplication> applications,
                NavigableMap<Long, ModerationEntry> moderationLog,
                List<Added> added,
                List<Instant> signups,
                long nextId) {
            this.users = users;
            this.site = site;
            this.sessions = sessions;
            this.invites = invites;
            this.applications = applications;
            this.moderationLog = moderationLog;
            this.added = added;
            this.signups = signups;
            this.nextId = nextId;
        }

        static State initial() {
            return new State(
                    new TreeMap<>(),
                    LocalSite.initial("Guestlist", Instant.EPOCH),
                    new TreeMap<>(),
                    new TreeMap<>(),
                    new TreeMap<>(),
                    new TreeMap<>(),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    1);
        }

        State copy() {
            return new State(
                    new TreeMap<>(users),
                    site,
                    new TreeMap<>(sessions),
                    new TreeMap<>(invites),
                    new TreeMap<>(applications),
                    new TreeMap<>(moderationLog),
                    new ArrayList<>(added),
                    new ArrayList<>(signups),
                    nextId);
        }

        NavigableMap<Long, StoredUser> users() {
            return users;
        }

        NavigableMap<String, Session> sessions() {
            return sessions;
        }

        NavigableMap<Long, Invite> invites() {
            return invites;
        }

        NavigableMap<Long, RegistrationApplication> applications() {
            return applications;
        }

        NavigableMap<Long, ModerationEntry> moderationLog() {
            return moderationLog;
        }

        List<Added> added() {
            return added;
        }

        List<Instant> signups() {
            return signups;
        }

        LocalSite site() {
            return site;
        }

        void site(LocalSite saved) {
            site = saved;
        }

        long nextId() {
            return nextId++;
        }
    }

    private final class Users implements UserRepository {

        @Override
        public LocalUser add(NewUser user, String passwordHash) {
            requireTransaction();
            if (nameTaken(user.name())) {
                throw new UseCaseFailure(UseCaseFailure.Reason.USERNAME_TAKEN, "that user name is taken");
            }
            if (user.email().map(this::emailTaken).orElse(false)) {
                throw new UseCaseFailure(UseCaseFailure.Reason.EMAIL_TAKEN, "that e-mail address is taken");
            }
            LocalUser stored = user.withId(new LocalUserId(state.nextId()));
            state.users().put(stored.id().value(), new StoredUser(stored, passwordHash));
            stored.invitedBy()
                    .ifPresent(inviter -> state.users().computeIfPresent(inviter.value(), (id, found) -> {
                        LocalUser counted = found.user();
                        return new StoredUser(
                                new LocalUser(
                                        counted.id(),
                                        counted.name(),
                                        counted.email(),
                                        counted.admin(),
                                        counted.acceptedApplication(),
                                        counted.invitedBy(),
                                        counted.publishedAt(),
                                        counted.ban(),
                                        counted.invitePermission(),
                                        counted.inviteeCount() + 1),
                                found.passwordHash());
                    }));
            return stored;
        }

        @Override
        public Optional<LocalUser> findById(LocalUserId id) {
            requireTransaction();
            return Optional.ofNullable(state.users().get(id.value())).map(StoredUser::user);
        }

        @Override
        public List<LocalUser> findAllById(Collection<LocalUserId> ids) {
            requireTransaction();
            return ids.stream()
                    .distinct()
                    .map(id -> state.users().get(id.value()))
                    .filter(java.util.Objects::nonNull)
                    .map(StoredUser::user)
                    .toList();
        }

        @Override
        public Optional<LocalUser> lockById(LocalUserId id) {
            return findById(id);
        }

        @Override
        public Optional<StoredCredentials> findCredentials(String usernameOrEmail) {
            requireTransaction();
            String wanted = usernameOrEmail.toLowerCase(Locale.ROOT);
            boolean byEmail = usernameOrEmail.contains("@");
            return state.users().values().stream()
                    .filter(stored -> byEmail
                            ? stored.user()
                                    .email()
                                    .map(EmailAddress::canonical)
                                    .filter(wanted::equals)
                                    .isPresent()
                            : stored.user().name().canonical().equals(wanted))
                    .findFirst()
                    .map(stored -> new StoredCredentials(stored.user(), stored.passwordHash()));
        }

        @Override
        public boolean nameTaken(Username name) {
            requireTransaction();
            return state.users().values().stream()
                    .anyMatch(stored -> stored.user().name().canonical().equals(name.canonical()));
        }

        @Override
        public boolean emailTaken(EmailAddress email) {
            requireTransaction();
            return state.users().values().stream()
                    .anyMatch(stored -> stored.user()
                            .email()
                            .map(EmailAddress::canonical)
                            .filter(email.canonical()::equals)
                            .isPresent());
        }

        @Override
        public boolean anyAdmin() {
            requireTransaction();
            return state.users().values().stream()
                    .anyMatch(stored -> stored.user().admin());
        }

        @Override
        public List<LocalUser> admins() {
            requireTransaction();
            return state.users().values().stream()
                    .map(StoredUser::user)
                    .filter(LocalUser::admin)
                    .toList();
        }

        @Override
        public void setAcceptedApplication(LocalUserId userId, boolean accepted) {
            requireTransaction();
            state.users()
                    .computeIfPresent(
                            userId.value(),
                            (id, stored) -> new StoredUser(
                                    stored.user().withAcceptedApplication(accepted), stored.passwordHash()));
        }

        @Override
        public Optional<String> findPasswordHash(LocalUserId id) {
            requireTransaction();
            return Optional.ofNullable(state.users().get(id.value())).map(StoredUser::passwordHash);
        }

        @Override
        public void setPasswordHash(LocalUserId userId, String passwordHash) {
            requireTransaction();
            state.users().computeIfPresent(userId.value(), (id, stored) -> new StoredUser(stored.user(), passwordHash));
        }

        @Override
        public List<LocalUser> list(UserFilter filter, Instant now, Optional<PagePosition> after, int limit) {
            requireTransaction();
            NavigableMap<Long, StoredUser> ordered =
                    filter.newestFirst() ? state.users().descendingMap() : state.users();
            if (after.isPresent()) {
                ordered = ordered.tailMap(after.get().lastId(), false);
            }
            return ordered.values().stream()
                    .map(StoredUser::user)
                    .filter(user -> !filter.bannedOnly() || user.bannedAt(now))
                    .filter(user -> filter.invitedBy()
                            .map(inviter -> user.invitedBy().equals(Optional.of(inviter)))
                            .orElse(true))
                    .limit(limit)
                    .toList();
        }
    }

    private final class Sites implements SiteRepository {

        @Override
        public LocalSite get() {
            requireTransaction();
            return state.site();
        }

        @Override
        public LocalSite lock() {
            return get(); // a transaction holds the whole store
        }

        @Override
        public LocalSite save(LocalSite site) {
            requireTransaction();
            state.site(site);
            return site;
        }
    }

    private final class Sessions implements SessionRepository {

        @Override
        public void add(String tokenHash, LocalUserId userId, Instant publishedAt, Optional<Instant> expiresAt) {
            requireTransaction();
            state.sessions().put(tokenHash, new Session(userId, expiresAt));
        }

        @Override
        public Optional<LocalUser> findUser(String tokenHash, Instant now) {
            requireTransaction();
            return Optional.ofNullable(state.sessions().get(tokenHash))
                    .filter(session -> session.expiresAt().map(now::isBefore).orElse(true))
                    .map(session -> state.users().get(session.userId().value()))
                    .map(StoredUser::user);
        }

        @Override
        public void delete(String tokenHash) {
            requireTransaction();
            state.sessions().remove(tokenHash);
        }

        @Override
        public int deleteAllOf(LocalUserId userId) {
            requireTransaction();
            int before = state.sessions().size();
            state.sessions().values().removeIf(session -> session.userId().equals(userId));
            return before - state.sessions().size();
        }

        @Override
        public int deleteExpired(Instant now, int batchSize) {
            requireTransaction();
            List<String> expired = state.sessions().entrySet().stream()
                    .filter(entry -> entry.getValue()
                            .expiresAt()
                            .map(expiry -> !expiry.isAfter(now))
                            .orElse(false))
                    .limit(batchSize)
                    .map(java.util.Map.Entry::getKey)
                    .toList();
            expired.forEach(state.sessions()::remove);
            return expired.size();
        }
    }

    private final class Invites implements InviteRepository {

        @Override
        public Invite add(NewInvite invite) {
            requireTransaction();
            if (findByToken(invite.token()).isPresent()) {
                throw new AlreadyStoredException("an invite with that token exists already");
            }
            Invite stored = invite.withId(new InviteId(state.nextId()));
            state.invites().put(stored.id().value(), stored);
            // recorded in order, at instants that never go back (as the PostgreSQL adapter records them)
            Instant at = additionsOf(stored.creatorId()).stream()
                    .reduce((first, second) -> second)
                    .map(last -> last.at().isAfter(stored.publishedAt()) ? last.at() : stored.publishedAt())
                    .orElse(stored.publishedAt());
            state.added().add(new Added(stored.creatorId(), at));
            return stored;
        }

        @Override
        public Optional<Invite> findByToken(InviteToken token) {
            requireTransaction();
            return state.invites().values().stream()
                    .filter(invite -> invite.token().equals(token))
                    .findFirst();
        }

        @Override
        public List<Invite> findByTokens(Set<InviteToken> tokens) {
            requireTransaction();
            return state.invites().values().stream()
                    .filter(invite -> tokens.contains(invite.token()))
                    .toList();
        }

        @Override
        public Optional<Invite> lockByToken(InviteToken token) {
            return findByToken(token);
        }

        @Override
        public void updateUses(Invite invite) {
            requireTransaction();
            state.invites()
                    .computeIfPresent(
                            invite.id().value(),
                            (id, stored) -> new Invite(
                                    stored.id(),
                                    stored.token(),
                                    stored.creatorId(),
                                    stored.maxUses(),
                                    invite.usesCount(),
                                    stored.expiresAt(),
                                    stored.publishedAt(),
                                    stored.comment()));
        }

        @Override
        public void delete(InviteId inviteId) {
            requireTransaction();
            state.invites().remove(inviteId.value());
        }

        @Override
        public long countUsable(LocalUserId creatorId, Instant now) {
            requireTransaction();
            return state.invites().values().stream()
                    .filter(invite -> invite.creatorId().equals(creatorId) && invite.usableAt(now))
                    .count();
        }

        @Override
        public List<Invite> listUsable(LocalUserId creatorId, Instant now, Optional<InviteId> beforeId, int limit) {
            requireTransaction();
            return state.invites().descendingMap().values().stream()
                    .filter(invite -> invite.creatorId().equals(creatorId) && invite.usableAt(now))
                    .filter(invite -> beforeId.map(before -> invite.id().value() < before.value())
                            .orElse(true))
                    .limit(limit)
                    .toList();
        }

        @Override
        public int deleteExpired(Instant now, int batchSize) {
            requireTransaction();
            List<Long> expired = state.invites().values().stream()
                    .filter(invite -> invite.expiredAt(now))
                    .sorted(Comparator.comparing(invite -> invite.expiresAt().orElseThrow()))
                    .limit(batchSize)
                    .map(invite -> invite.id().value())
                    .toList();
            expired.forEach(state.invites()::remove);
            return expired.size();
        }

        @Override
        public Optional<Instant> nthLatestAddition(LocalUserId creatorId, int n) {
            requireTransaction();
            List<Added> additions = additionsOf(creatorId);
            return n < 1 || n > additions.size()
                    ? Optional.empty()
                    : Optional.of(additions.get(additions.size() - n).at());
        }

        private List<Added> additionsOf(LocalUserId creatorId) {
            return state.added().stream()
                    .filter(added -> added.creatorId().equals(creatorId))
                    .toList();
        }

        @Override
        public void recordSignup(Instant at) {
            requireTransaction();
            state.signups().add(at);
        }

        /** A transaction holds the whole store, so the count holds until it ends. */
        @Override
        public long lockSignupsSince(Instant since) {
            requireTransaction();
            return state.signups().stream().filter(at -> at.isAfter(since)).count();
        }

        @Override
        public int deleteQuotaRecordsUntil(Instant cutoff, int batchSize) {
            requireTransaction();
            int deleted = deleteUpTo(state.added(), added -> !added.at().isAfter(cutoff), batchSize);
            return deleted + deleteUpTo(state.signups(), at -> !at.isAfter(cutoff), batchSize - deleted);
        }
    }

    /** Removes at most {@code limit} elements that match; returns how many it removed. */
    private static <T> int deleteUpTo(List<T> list, Predicate<T> doomed, int limit) {
        int removed = 0;
        for (Iterator<T> each = list.iterator(); each.hasNext() && removed < limit; ) {
            if (doomed.test(each.next())) {
                each.remove();
                removed++;
            }
        }
        return removed;
    }

    private final class Applications implements RegistrationApplicationRepository {

        @Override
        public RegistrationApplication add(LocalUserId userId, String answer, Instant publishedAt) {
            requireTransaction();
            if (findByUserId(userId).isPresent()) {
                throw new AlreadyStoredException("that account has an application already");
            }
            RegistrationApplication stored = new RegistrationApplication(
                    new ApplicationId(state.nextId()),
                    userId,
                    answer,
                    Optional.empty(),
                    Optional.empty(),
                    publishedAt,
                    Optional.empty());
            state.applications().put(stored.id().value(), stored);
            return stored;
        }

        @Override
        public Optional<RegistrationApplication> findById(ApplicationId id) {
            requireTransaction();
            return Optional.ofNullable(state.applications().get(id.value()));
        }

        @Override
        public Optional<RegistrationApplication> findByUserId(LocalUserId userId) {
            requireTransaction();
            return state.applications().values().stream()
                    .filter(application -> application.userId().equals(userId))
                    .findFirst();
        }

        @Override
        public void saveDecision(RegistrationApplication application) {
            requireTransaction();
            state.applications()
                    .computeIfPresent(
                            application.id().value(),
                            (id, stored) -> new RegistrationApplication(
                                    stored.id(),
                                    stored.userId(),
                                    stored.answer(),
                                    application.adminId(),
                                    application.denyReason(),
                                    stored.publishedAt(),
                                    application.updatedAt()));
        }

        @Override
        public List<RegistrationApplication> list(boolean unreadOnly, Optional<ApplicationId> afterId, int limit) {
            requireTransaction();
            return state.applications().values().stream()
                    .filter(application -> !unreadOnly || application.unread())
                    .filter(application -> afterId.map(after -> application.id().value() > after.value())
                            .orElse(true))
                    .limit(limit)
                    .toList();
        }
    }

    /** The accounts that joined with {@code inviter}'s invites, in id order. */
    private List<LocalUserId> inviteesOf(LocalUserId inviter) {
        return state.users().values().stream()
                .map(StoredUser::user)
                .filter(user -> user.invitedBy().filter(inviter::equals).isPresent())
                .map(LocalUser::id)
                .toList();
    }

    private Optional<LocalUserId> inviterOf(LocalUserId account) {
        return Optional.ofNullable(state.users().get(account.value()))
                .flatMap(stored -> stored.user().invitedBy());
    }

    private LocalUser storedUser(LocalUserId id) {
        return state.users().get(id.value()).user();
    }

    /** Stores {@code changed} in place of the account of its id, keeping its password hash. */
    private void replaceUser(LocalUser changed) {
        state.users()
                .computeIfPresent(changed.id().value(), (id, stored) -> new StoredUser(changed, stored.passwordHash()));
    }

    /** The non-admin accounts {@code scope} reaches, by {@link Scope#reaches}. */
    private Set<LocalUserId> reached(Scope scope) {
        Set<LocalUserId> branch = scope.includeInvitees()
                ? InviteBranch.below(scope.target(), this::inviteesOf).stream()
                        .map(InviteBranch.Member::id)
                        .collect(Collectors.toSet())
                : Set.of();
        return state.users().values().stream()
                .map(StoredUser::user)
                .filter(user -> scope.reaches(user, branch.contains(user.id())))
                .map(LocalUser::id)
                .collect(Collectors.toSet());
    }

    private final class Branches implements InviteBranchRepository {

        @Override
        public List<BranchMember> below(LocalUserId top, Optional<LocalUserId> after, int limit) {
            requireTransaction();
            List<InviteBranch.Member> branch = InviteBranch.below(top, InMemoryStore.this::inviteesOf);
            int start = 0;
            if (after.isPresent()) {
                start = branch.size();
                for (int i = 0; i < branch.size(); i++) {
                    if (branch.get(i).id().equals(after.get())) {
                        start = i + 1;
                        break;
                    }
                }
            }
            return branch.subList(start, Math.min(branch.size(), start + limit)).stream()
                    .map(member -> new BranchMember(storedUser(member.id()), member.depth()))
                    .toList();
        }

        @Override
        public List<LocalUser> ancestry(LocalUserId account, Optional<LocalUserId> after, int limit) {
            requireTransaction();
            List<LocalUserId> chain = InviteBranch.ancestry(account, InMemoryStore.this::inviterOf);
            int start = after.map(chain::indexOf)
                    .map(at -> at < 0 ? chain.size() : at + 1)
                    .orElse(0);
            return chain.subList(start, Math.min(chain.size(), start + limit)).stream()
                    .map(InMemoryStore.this::storedUser)
                    .toList();
        }
    }

    private final class Moderation implements ModerationRepository {

        /** The store's one lock puts every transaction after every other already. */
        @Override
        public void serialize() {
            requireTransaction();
        }

        @Override
        public Batch ban(Scope scope, Ban ban, Instant now, Optional<Position> after, int limit) {
            requireTransaction();
            List<Position> batch = placesAfter(scope, after, limit);
            List<LocalUser> reached = reachedIn(scope, batch);
            List<LocalUser> changed = reached.stream()
                    .filter(user -> user.activeBan(now).filter(ban::sameTerms).isEmpty())
                    .toList();
            changed.forEach(user -> replaceUser(user.withBan(Optional.of(ban))));
            Set<LocalUserId> ids = reached.stream().map(LocalUser::id).collect(Collectors.toSet());
            List<Invite> gone = state.invites().values().stream()
                    .filter(invite -> ids.contains(invite.creatorId()))
                    .toList();
            gone.forEach(invite -> state.invites().remove(invite.id().value()));
            state.sessions().values().removeIf(session -> ids.contains(session.userId()));
            return new Batch(batch.size(), changed.size(), gone.size(), last(batch));
        }

        @Override
        public Batch unban(Scope scope, Instant now, Optional<Position> after, int limit) {
            requireTransaction();
            List<Position> batch = placesAfter(scope, after, limit);
            List<LocalUser> lifted = reachedIn(scope, batch).stream()
                    .filter(user -> user.bannedAt(now))
                    .toList();
            lifted.forEach(user -> replaceUser(user.withBan(Optional.empty())));
            return new Batch(batch.size(), lifted.size(), 0, last(batch));
        }

        /**
         * The scope's places in its order (the target at depth 0, then its branch by depth, then
         * id), after {@code after}, at most {@code limit}.
         */
        private List<Position> placesAfter(Scope scope, Optional<Position> after, int limit) {
            Comparator<Position> order = Comparator.comparingInt(Position::depth)
                    .thenComparingLong(place -> place.account().value());
            List<Position> places = new ArrayList<>();
            if (state.users().containsKey(scope.target().value())) {
                places.add(new Position(0, scope.target()));
            }
            if (scope.includeInvitees()) {
                InviteBranch.below(scope.target(), InMemoryStore.this::inviteesOf).stream()
                        .map(member -> new Position(member.depth(), member.id()))
                        .forEach(places::add);
            }
            return places.stream()
                    .filter(place ->
                            after.map(start -> order.compare(place, start) > 0).orElse(true))
                    .sorted(order)
                    .limit(limit)
                    .toList();
        }

        /** The accounts of these places that the scope reaches: admins left out. */
        private List<LocalUser> reachedIn(Scope scope, List<Position> places) {
            return places.stream()
                    .map(place -> storedUser(place.account()))
                    .filter(user -> scope.reaches(user, !user.id().equals(scope.target())))
                    .toList();
        }

        private Optional<Position> last(List<Position> places) {
            return places.isEmpty() ? Optional.empty() : Optional.of(places.get(places.size() - 1));
        }

        @Override
        public Revoked revokeInvites(Scope scope) {
            requireTransaction();
            Set<LocalUserId> reached = reached(scope);
            List<Invite> gone = state.invites().values().stream()
                    .filter(invite -> reached.contains(invite.creatorId()))
                    .toList();
            gone.forEach(invite -> state.invites().remove(invite.id().value()));
            long accounts = gone.stream().map(Invite::creatorId).distinct().count();
            return new Revoked(accounts, gone.size());
        }

        @Override
        public long setInvitePermission(Scope scope, InvitePermission permission) {
            requireTransaction();
            long changed = 0;
            for (LocalUserId id : reached(scope)) {
                StoredUser stored = state.users().get(id.value());
                LocalUser user = stored.user();
                if (user.invitePermission().equals(permission)) {
                    continue;
                }
                LocalUser withPermission = new LocalUser(
                        user.id(),
                        user.name(),
                        user.email(),
                        user.admin(),
                        user.acceptedApplication(),
                        user.invitedBy(),
                        user.publishedAt(),
                        user.ban(),
                        permission,
                        user.inviteeCount());
                state.users().put(id.value(), new StoredUser(withPermission, stored.passwordHash()));
                changed++;
            }
            return changed;
        }

        @Override
        public ModerationEntry append(ModerationEntry.New entry) {
            requireTransaction();
            ModerationEntry stored = entry.withId(new ModerationEntryId(state.nextId()));
            state.moderationLog().put(stored.id().value(), stored);
            return stored;
        }

        @Override
        public List<ModerationEntry> log(Optional<PagePosition> before, int limit) {
            requireTransaction();
            NavigableMap<Long, ModerationEntry> older = before.map(
                            position -> state.moderationLog().headMap(position.lastId(), false))
                    .orElse(state.moderationLog());
            return older.descendingMap().values().stream().limit(limit).toList();
        }
    }
}
