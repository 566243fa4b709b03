package guestlist.adapters.postgres;

import guestlist.application.port.out.contract.InviteRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class PostgresInviteRepositoryContractTest extends InviteRepositoryContractTest {

    private final StoreFixture store = new PostgresStoreFixture();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
