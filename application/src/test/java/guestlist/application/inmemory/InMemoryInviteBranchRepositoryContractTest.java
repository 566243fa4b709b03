package guestlist.application.inmemory;

import guestlist.application.port.out.contract.InviteBranchRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class InMemoryInviteBranchRepositoryContractTest extends InviteBranchRepositoryContractTest {

    private final StoreFixture store = new InMemoryStore();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
