package guestlist.application.service;

import guestlist.application.port.in.ApplicationView;
import guestlist.application.port.in.UseCaseFailure;
import guestlist.application.port.in.UseCaseFailure.Reason;
import guestlist.application.port.out.UserRepository;
import guestlist.domain.account.LocalUser;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.application.RegistrationApplication;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Registration applications as admins see them, with their creators and deciding admins. */
final class ApplicationViews {

    private ApplicationViews() {}

    static ApplicationView view(UserRepository users, RegistrationApplication application) {
        return views(users, List.of(application)).get(0);
    }

    /** The views of a page of applications, with their creators and admins read in one go. */
    static List<ApplicationView> views(UserRepository users, List<RegistrationApplication> page) {
        Set<LocalUserId> ids = new HashSet<>();
        page.forEach(application -> {
            ids.add(application.userId());
            application.adminId().ifPresent(ids::add);
        });
        Map<LocalUserId, LocalUser> byId =
                users.findAllById(ids).stream().collect(Collectors.toMap(LocalUser::id, Function.identity()));
        return page.stream()
                .map(application -> new ApplicationView(
                        application,
                        Optional.ofNullable(byId.get(application.userId()))
                                .orElseThrow(() -> new IllegalStateException("an application without its account")),
                        application.adminId().map(byId::get)))
                .toList();
    }

    static UseCaseFailure notFound() {
        return new UseCaseFailure(Reason.NO_SUCH_APPLICATION, "no such registration application");
    }
}
