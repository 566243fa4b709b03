package guestlist.application.inmemory;

import guestlist.application.port.out.contract.SiteRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class InMemorySiteRepositoryContractTest extends SiteRepositoryContractTest {

    private final StoreFixture store = new InMemoryStore();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
