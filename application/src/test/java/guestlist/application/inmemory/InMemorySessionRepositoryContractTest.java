package guestlist.application.inmemory;

import guestlist.application.port.out.contract.SessionRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class InMemorySessionRepositoryContractTest extends SessionRepositoryContractTest {

    private final StoreFixture store = new InMemoryStore();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
