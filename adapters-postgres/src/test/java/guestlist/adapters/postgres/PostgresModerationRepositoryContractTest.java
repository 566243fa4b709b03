package guestlist.adapters.postgres;

import guestlist.application.port.out.contract.ModerationRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class PostgresModerationRepositoryContractTest extends ModerationRepositoryContractTest {

    private final StoreFixture store = new PostgresStoreFixture();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
