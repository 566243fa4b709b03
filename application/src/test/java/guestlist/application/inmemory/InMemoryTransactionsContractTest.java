package guestlist.application.inmemory;

import guestlist.application.port.out.contract.StoreFixture;
import guestlist.application.port.out.contract.TransactionsContractTest;

class InMemoryTransactionsContractTest extends TransactionsContractTest {

    private final StoreFixture store = new InMemoryStore();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
