package guestlist.application.inmemory;

import guestlist.application.port.out.contract.InviteRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class InMemoryInviteRepositoryContractTest extends InviteRepositoryContractTest {

    private final StoreFixture store = new InMemoryStore();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
