package guestlist.adapters.postgres;

import guestlist.application.port.out.contract.ModerationInvitesContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class PostgresModerationInvitesContractTest extends ModerationInvitesContractTest {

    private final StoreFixture store = new PostgresStoreFixture();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
