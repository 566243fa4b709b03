package guestlist.application.port.out.contract;

import static org.assertj.core.api.Assertions.assertThat;

import guestlist.application.port.out.SiteRepository;
import guestlist.domain.site.LocalSite;
import guestlist.domain.site.RegistrationMode;
import guestlist.domain.site.SiteChanges;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract of {@link SiteRepository}, for every adapter. */
public abstract class SiteRepositoryContractTest {

    protected abstract StoreFixture store();

    @BeforeEach
    void resetStore() {
        store().reset();
    }

    private <T> T tx(Supplier<T> work) {
        return store().transactions().inTransaction(work);
    }

    private SiteRepository sites() {
        return store().sites();
    }

    @Test
    void initialSiteRequiresApplicationsAndCapsInvitesAtTen() {
        LocalSite site = tx(() -> sites().get());

        assertThat(site.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
        assertThat(site.maxInvitesPerUser()).isEqualTo(10);
        assertThat(site.applicationQuestion()).isEmpty();
        assertThat(site.name()).isNotBlank();
    }

    @Test
    void initialSiteHasNoInviteQuotaAndLetsInvitesSkipTheApplication() {
        LocalSite site = tx(() -> sites().get());

        assertThat(site.inviteMinAccountAgeHours()).isZero();
        assertThat(site.invitesPerUserPerDay()).isZero();
        assertThat(site.inviteSignupsPerDay()).isZero();
        assertThat(site.invitesSkipApplication()).isTrue();
    }

    @Test
    void saveWritesEveryInviteQuotaSetting() {
        LocalSite edited = tx(() -> sites().get())
                .edit(SiteChanges.none()
                        .withInviteMinAccountAgeHours(8_760)
                        .withInvitesPerUserPerDay(1_000)
                        .withInviteSignupsPerDay(1_000_000)
                        .withInvitesSkipApplication(false));

        LocalSite saved = tx(() -> sites().save(edited));

        assertThat(saved).isEqualTo(edited);
        assertThat(tx(() -> sites().get())).isEqualTo(edited);
        assertThat(tx(() -> sites().lock())).isEqualTo(edited);
    }

    @Test
    void inviteQuotaSettingsAreStoredEachOnItsOwn() {
        LocalSite edited = tx(() -> sites().get())
                .edit(SiteChanges.none().withInviteMinAccountAgeHours(1).withInviteSignupsPerDay(3));
        tx(() -> sites().save(edited));

        LocalSite stored = tx(() -> sites().get());

        assertThat(stored.inviteMinAccountAgeHours()).isEqualTo(1);
        assertThat(stored.invitesPerUserPerDay()).isZero();
        assertThat(stored.inviteSignupsPerDay()).isEqualTo(3);
        assertThat(stored.invitesSkipApplication()).isTrue();
    }

    @Test
    void saveWritesEverySettingAndReturnsThemAsStored() {
        LocalSite before = tx(() -> sites().get());
        LocalSite edited = before.edit(new SiteChanges(
                Optional.of("My Forum"),
                Optional.of(RegistrationMode.REQUIRE_INVITATION),
                Optional.of("Why do you want to join?"),
                Optional.of(0)));

        LocalSite saved = tx(() -> sites().save(edited));

        assertThat(saved).isEqualTo(edited);
        assertThat(tx(() -> sites().get())).isEqualTo(edited);
    }

    @Test
    void saveKeepsIdAndCreationTime() {
        LocalSite before = tx(() -> sites().get());

        LocalSite saved = tx(() -> sites().save(before.edit(new SiteChanges(
                Optional.empty(), Optional.of(RegistrationMode.OPEN), Optional.empty(), Optional.of(1_000_000)))));

        assertThat(saved.id()).isEqualTo(before.id());
        assertThat(saved.publishedAt()).isEqualTo(before.publishedAt());
        assertThat(saved.maxInvitesPerUser()).isEqualTo(1_000_000);
        assertThat(saved.registrationMode()).isEqualTo(RegistrationMode.OPEN);
    }

    @Test
    void lockGivesTheSiteAsGetDoes() {
        LocalSite saved = tx(() -> sites().save(sites().get()
                .edit(new SiteChanges(
                        Optional.of("Locked"), Optional.of(RegistrationMode.OPEN), Optional.empty(), Optional.of(7)))));

        assertThat(tx(() -> sites().lock())).isEqualTo(saved).isEqualTo(tx(() -> sites().get()));
    }

    @Test
    void everyModeCanBeStored() {
        for (RegistrationMode mode : RegistrationMode.values()) {
            LocalSite edited = tx(() -> sites().get())
                    .edit(new SiteChanges(Optional.empty(), Optional.of(mode), Optional.empty(), Optional.empty()));

            tx(() -> sites().save(edited));

            assertThat(tx(() -> sites().get()).registrationMode()).isEqualTo(mode);
        }
    }

    @Test
    void applicationQuestionCanBeCleared() {
        tx(() -> sites().save(sites().get()
                .edit(new SiteChanges(
                        Optional.empty(), Optional.empty(), Optional.of("Who are you?"), Optional.empty()))));

        tx(() -> sites().save(sites().get()
                .edit(new SiteChanges(Optional.empty(), Optional.empty(), Optional.of(""), Optional.empty()))));

        assertThat(tx(() -> sites().get()).applicationQuestion()).isEmpty();
    }

    @Test
    void resetPutsBackTheInitialSite() {
        LocalSite initial = tx(() -> sites().get());
        tx(() -> sites().save(initial.edit(new SiteChanges(
                        Optional.of("Changed"), Optional.of(RegistrationMode.CLOSED), Optional.of("Q"), Optional.of(2))
                .withInvitesPerUserPerDay(4)
                .withInvitesSkipApplication(false))));

        store().reset();

        LocalSite again = tx(() -> sites().get());
        assertThat(again.name()).isEqualTo(initial.name());
        assertThat(again.registrationMode()).isEqualTo(RegistrationMode.REQUIRE_APPLICATION);
        assertThat(again.applicationQuestion()).isEmpty();
        assertThat(again.maxInvitesPerUser()).isEqualTo(10);
        assertThat(again.invitesPerUserPerDay()).isZero();
        assertThat(again.invitesSkipApplication()).isTrue();
    }
}
