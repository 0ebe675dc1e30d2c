package io.proxyline.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The group commit against a real JDBC transaction manager (H2 in memory) and Axon's simple
 * command bus with its transaction interceptor, as the app wires them.
 */
class GroupCommitCommandBusTest {
    record Insert(@TargetAggregateIdentifier String key, int n, boolean fail) {}

    private final CountingTransactions transactions = new CountingTransactions();
    private final JdbcTemplate jdbc = new JdbcTemplate();
    private final List<String> evicted = Collections.synchronizedList(new ArrayList<>());
    private final List<String> handled = Collections.synchronizedList(new ArrayList<>());
    private volatile CountDownLatch firstHandlerGate = new CountDownLatch(0);
    private GroupCommitCommandBus bus;

    @BeforeEach
    void setUp() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:group-commit-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        transactions.setDataSource(ds);
        transactions.setRollbackOnCommitFailure(true); // as the app's (StoreAutoConfiguration)
        jdbc.setDataSource(ds);
        jdbc.execute("CREATE TABLE rows (k VARCHAR(20), n INT)");
        SimpleCommandBus axon = SimpleCommandBus.builder()
                .transactionManager(new SpringTransactionManager(transactions)).build();
        axon.subscribe(Insert.class.getName(), message -> {
            Insert cmd = (Insert) message.getPayload();
            if (cmd.n() == 0) firstHandlerGate.await(10, TimeUnit.SECONDS);
            jdbc.update("INSERT INTO rows VALUES (?, ?)", cmd.key(), cmd.n());
            handled.add(cmd.key() + "/" + cmd.n());
            if (cmd.fail()) throw new IllegalArgumentException("refused " + cmd.n());
            return cmd.n();
        });
        bus = new GroupCommitCommandBus(axon, transactions, evicted::add, 1, 64, 1024);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        bus.close();
    }

    @Test
    void commandsQueuedDuringABatchShareTheNextCommitAndAreAnsweredOnlyAfterIt() throws Exception {
        firstHandlerGate = new CountDownLatch(1);
        CompletableFuture<CommandResultMessage<?>> first = send(new Insert("a", 0, false));
        awaitQueued(() -> transactions.begun.get() == 1);
        List<CompletableFuture<CommandResultMessage<?>>> rest = new ArrayList<>();
        for (int i = 1; i <= 20; i++) rest.add(send(new Insert(i % 2 == 0 ? "a" : "b", i, false)));
        transactions.holdCommit = 2;
        firstHandlerGate.countDown();
        first.get(10, TimeUnit.SECONDS);
        // The second batch is written but its commit held back: nobody may have an answer yet.
        awaitQueued(() -> transactions.commitsWaiting.get() == 1);
        assertThat(rest).noneMatch(CompletableFuture::isDone);
        transactions.commitGate.countDown();
        for (var f : rest) assertThat(f.get(10, TimeUnit.SECONDS).isExceptional()).isFalse();

        assertThat(transactions.commits.get()).isEqualTo(2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rows", Integer.class)).isEqualTo(21);
        // Per aggregate, the order of arrival.
        List<String> a = handled.stream().filter(h -> h.startsWith("a/")).toList();
        assertThat(a).containsExactly("a/0", "a/2", "a/4", "a/6", "a/8", "a/10", "a/12", "a/14", "a/16", "a/18", "a/20");
    }

    @Test
    void aRefusedCommandIsRolledBackToItsSavepointAndTheRestOfItsBatchCommits() throws Exception {
        firstHandlerGate = new CountDownLatch(1);
        var first = send(new Insert("a", 0, false));
        awaitQueued(() -> transactions.begun.get() == 1);
        var ok1 = send(new Insert("a", 1, false));
        var refused = send(new Insert("a", 2, true));
        var ok2 = send(new Insert("a", 3, false));
        firstHandlerGate.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).isExceptional()).isFalse();
        assertThat(ok1.get(10, TimeUnit.SECONDS).getPayload()).isEqualTo(1);
        assertThat(refused.get(10, TimeUnit.SECONDS).exceptionResult()).hasMessage("refused 2");
        assertThat(ok2.get(10, TimeUnit.SECONDS).getPayload()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT n FROM rows ORDER BY n", Integer.class)).containsExactly(0, 1, 3);
        assertThat(transactions.commits.get()).isEqualTo(2);
        assertThat(evicted).isEmpty();
    }

    @Test
    void whenABatchCannotBeCommittedEveryCommandOfItFailsAndItsAggregatesAreEvicted() throws Exception {
        transactions.failNextCommit = true;
        firstHandlerGate = new CountDownLatch(1);
        var first = send(new Insert("a", 0, false));
        firstHandlerGate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS).exceptionResult()).isInstanceOf(TransactionSystemException.class);
        assertThat(evicted).containsExactly("a");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM rows", Integer.class)).isZero();

        var next = send(new Insert("b", 5, false));
        assertThat(next.get(10, TimeUnit.SECONDS).getPayload()).isEqualTo(5);
        assertThat(jdbc.queryForList("SELECT n FROM rows", Integer.class)).containsExactly(5);
    }

    private CompletableFuture<CommandResultMessage<?>> send(Insert cmd) {
        CompletableFuture<CommandResultMessage<?>> f = new CompletableFuture<>();
        bus.dispatch(GenericCommandMessage.asCommandMessage(cmd), (c, r) -> f.complete(r));
        return f;
    }

    private static void awaitQueued(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("condition not reached in 10 s");
            Thread.onSpinWait();
            Thread.sleep(1);
        }
    }

    /** Counts the outermost transactions begun and committed; can hold back or fail a commit. */
    static final class CountingTransactions extends DataSourceTransactionManager {
        final AtomicInteger begun = new AtomicInteger();
        final AtomicInteger commits = new AtomicInteger();
        final AtomicInteger commitsWaiting = new AtomicInteger();
        final CountDownLatch commitGate = new CountDownLatch(1);
        final AtomicInteger attempts = new AtomicInteger();
        volatile int holdCommit;
        volatile boolean failNextCommit;

        @Override
        protected void doBegin(Object transaction, org.springframework.transaction.TransactionDefinition definition) {
            begun.incrementAndGet();
            super.doBegin(transaction, definition);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            if (failNextCommit) {
                failNextCommit = false;
                throw new TransactionSystemException("disk full");
            }
            if (attempts.incrementAndGet() == holdCommit) {
                commitsWaiting.incrementAndGet();
                try {
                    commitGate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                commitsWaiting.decrementAndGet();
            }
            super.doCommit(status);
            commits.incrementAndGet();
        }
    }
}
