package guestlist.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import guestlist.domain.account.LocalUserId;
import guestlist.domain.account.PersonId;
import guestlist.domain.application.ApplicationId;
import guestlist.domain.invite.InviteId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @ParameterizedTest
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void anIdIsPositive(long value) {
        assertThatThrownBy(() -> new LocalUserId(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PersonId(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InviteId(value)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ApplicationId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLocalAccountsPersonHasItsNumber() {
        LocalUserId account = new LocalUserId(Long.MAX_VALUE);
        assertThat(account.person()).isEqualTo(new PersonId(Long.MAX_VALUE));
        assertThat(account.person().localUser()).isEqualTo(account);
        assertThat(Fixtures.member(5).personId()).isEqualTo(new PersonId(5));
    }

    @Test
    void idsOfDifferentThingsAreNeverEqual() {
        assertThat((Object) new LocalUserId(3)).isNotEqualTo(new InviteId(3));
        assertThat((Object) new LocalUserId(3)).isNotEqualTo(new PersonId(3));
    }
}
