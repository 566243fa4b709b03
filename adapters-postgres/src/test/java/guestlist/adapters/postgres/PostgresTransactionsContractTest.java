package guestlist.adapters.postgres;

import guestlist.application.port.out.contract.StoreFixture;
import guestlist.application.port.out.contract.TransactionsContractTest;

class PostgresTransactionsContractTest extends TransactionsContractTest {

    private final StoreFixture store = new PostgresStoreFixture();

    @Override
    protected StoreFixture store() {
        return store;
    }
}
