package guestlist.adapters.rest.json;

import guestlist.application.port.in.ApplicationView;
import guestlist.domain.account.LocalUserId;
import guestlist.domain.application.RegistrationApplication;

/** Lemmy's {@code RegistrationApplicationView}. The creator's e-mail address is left out. */
public record RegistrationApplicationViewJson(
        RegistrationApplicationJson registrationApplication,
        LocalUserJson creatorLocalUser,
        PersonJson creator,
        PersonJson admin) {

    public static RegistrationApplicationViewJson from(ApplicationView view) {
        return new RegistrationApplicationViewJson(
                RegistrationApplicationJson.from(view.application()),
                LocalUserJson.publicView(view.creator()),
                PersonJson.from(view.creator()),
                view.admin().map(PersonJson::from).orElse(null));
    }

    /** Lemmy's {@code RegistrationApplication}. */
    public record RegistrationApplicationJson(
            long id,
            long localUserId,
            String answer,
            Long adminId,
            String denyReason,
            String publishedAt,
            String updatedAt) {

        static RegistrationApplicationJson from(RegistrationApplication application) {
            return new RegistrationApplicationJson(
                    application.id().value(),
                    application.userId().value(),
                    application.answer(),
                    application.adminId().map(LocalUserId::value).orElse(null),
                    application.denyReason().orElse(null),
                    Timestamps.format(application.publishedAt()),
                    application.updatedAt().map(Timestamps::format).orElse(null));
        }
    }
}
