package guestlist.adapters.postgres;

import guestlist.application.port.out.contract.InviteBranchRepositoryContractTest;
import guestlist.application.port.out.contract.StoreFixture;

class PostgresInviteBranchRepositoryContractTest extends InviteBranchRepositoryContractTest {

    private final StoreFixture store = new PostgresStoreFixture();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
