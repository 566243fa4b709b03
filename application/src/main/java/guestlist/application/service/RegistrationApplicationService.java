package guestlist.application.service;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.DecideRegistrationApplicationCommand;
import guestlist.application.port.in.DecideRegistrationApplicationUseCase;
import guestlist.application.port.in.GetRegistrationApplicationUseCase;
import guestlist.application.port.in.ListRegistrationApplicationsQuery;
import guestlist.application.port.in.ListRegistrationApplicationsUseCase;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.RegistrationApplicationRepository;
import guestlist.application.port.out.Transactions;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.PersonId;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.application.RegistrationApplication;
import guestlist.domain.paging.Page;
import guestlist.domain.paging.PagePosition;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Admins reading and deciding registration applications. */
public final class RegistrationApplicationService implements ListRegistrationApplicationsUseCase,
        GetRegistrationApplicationUseCase, DecideRegistrationApplicationUseCase {

    private final Transactions transactions;
    private final UserRepository users;
    private final RegistrationApplicationRepository applications;
    private final Clock clock;

    public RegistrationApplicationService(Transactions transactions, UserRepository users,
                                          RegistrationApplicationRepository applications, Clock clock) {
        this.transactions = transactions;
        this.users = users;
        this.applications = applications;
        this.clock = clock;
    }

    @Override
    public Page<ApplicationView> listApplications(ListRegistrationApplicationsQuery query) {
        int size = query.size().value();
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, query.actor());
            List<RegistrationApplication> found =
                    applications.list(query.unreadOnly(),
                    query.after().map(after -> new ApplicationId(after.lastId())), size + 1);
            List<RegistrationApplication> page = found.size() > size ? found.subList(0, size) : found;
            Optional<PagePosition> next = found.size() > size
                    ? Optional.of(new PagePosition(page.get(size - 1).id().value()))
                    : Optional.empty();
            return new Page<>(views(page), next);
        });
    }

    @Override
    public ApplicationView getApplication(LocalUser actor, PersonId personId) {
        return transactions.inTransaction(() -> {
            Actors.currentAdmin(users, actor);
            return applications.findByUserId(personId.localUser()).map(this::view)
                    .orElseThrow(RegistrationApplicationService::notFound);
        });
    }

    @Override
    public ApplicationView decide(DecideRegistrationApplicationCommand command) {
        return transactions.inTransaction(() -> {
            LocalUser admin = Actors.currentAdmin(users, command.actor());
            RegistrationApplication decided = applications.findById(command.applicationId())
                    .orElseThrow(RegistrationApplicationService::notFound)
                    .decide(admin, command.approve(), command.denyReason(), clock.instant());
            applications.saveDecision(decided);
            users.setAcceptedApplication(decided.userId(), command.approve());
            return view(decided);
        });
    }

    private ApplicationView view(RegistrationApplication application) {
        return views(List.of(application)).get(0);
    }

    /** The views of a page of applications, with their creators and admins read in one go. */
    private List<ApplicationView> views(List<RegistrationApplication> page) {
        Set<LocalUserId> ids = new HashSet<>();
        page.forEach(application -> {
            ids.add(application.userId());
            application.adminId().ifPresent(ids::add);
        });
        Map<LocalUserId, LocalUser> byId = users.findAllById(ids).stream()
                .collect(Collectors.toMap(LocalUser::id, Function.identity()));
        return page.stream()
                .map(application -> new ApplicationView(application,
                        Optional.ofNullable(byId.get(application.userId()))
                                .orElseThrow(() -> new IllegalStateException("an application without its account")),
                        application.adminId().map(byId::get)))
                .toList();
    }

    private static UseCaseFailure notFound() {
        return new UseCaseFailure(Reason.NO_SUCH_APPLICATION, "no such registration application");
    }
}
