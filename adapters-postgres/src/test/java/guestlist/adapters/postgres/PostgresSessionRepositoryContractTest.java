package guestlist.adapters.postgres;

import guestlist.application.port.out.contract.SessionRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class PostgresSessionRepositoryContractTest extends SessionRepositoryContractTest {

    private final StoreFixture store = new PostgresStoreFixture();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
