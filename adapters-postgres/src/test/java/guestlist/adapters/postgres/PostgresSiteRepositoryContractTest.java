package guestlist.adapters.postgres;

import guestlist.application.port.out.contract.SiteRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class PostgresSiteRepositoryContractTest extends SiteRepositoryContractTest {

    private final StoreFixture store = new PostgresStoreFixture();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
