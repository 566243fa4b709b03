package guestlist.application.inmemory;

import guestlist.application.port.out.contract.ModerationRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class InMemoryModerationRepositoryContractTest extends ModerationRepositoryContractTest {

    private final StoreFixture store = new InMemoryStore();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
