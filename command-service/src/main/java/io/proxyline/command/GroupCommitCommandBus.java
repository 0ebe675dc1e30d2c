package io.proxyline.command;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.commandhandling.distributed.AnnotationRoutingStrategy;
import org.axonframework.commandhandling.distributed.RoutingStrategy;
import org.axonframework.commandhandling.distributed.UnresolvedRoutingKeyPolicy;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Group commit: commands are run by a few single writers, each owning the aggregates whose
 * identifier hashes to it, and a writer runs all the commands that queued while its last commit
 * was being written in one durable transaction. Every command still runs in its own Axon unit of
 * work on the delegate bus, in the order it arrived for its aggregate, so the aggregates' rules
 * are decided exactly as before; only the durable commit is shared, and each command's result is
 * delivered after the commit that holds its events — nothing is acknowledged before it is durable.
 *
 * <p>Each command runs inside a savepoint of the batch's transaction: a command that fails (a rule
 * refusing it, a lost race) is rolled back to its savepoint and answered with its failure, the
 * others of the batch commit. If the batch's commit itself fails, every command of the batch is
 * answered with that failure and the aggregates they touched are evicted from the cache, so the
 * next command loads them from what is stored.
 *
 * <p>Without a {@link PlatformTransactionManager} (the MongoDB profile, whose event store appends
 * in the unit of work) a writer only serializes its aggregates' commands; each result is delivered
 * as soon as its unit of work has completed.
 *
 * <p>Bound to a meter registry ({@link #bindTo}) it reports {@code proxyline.command.queue.depth}
 * (commands waiting, per writer), {@code proxyline.command.queue.wait} (from queueing to the start
 * of the batch that runs it), {@code proxyline.command.batch.size} and
 * {@code proxyline.command.commit} (the batch's durable commit).
 */
final class GroupCommitCommandBus implements CommandBus, AutoCloseable, MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(GroupCommitCommandBus.class);

    private final CommandBus delegate;
    private final PlatformTransactionManager transactions;
    private final Consumer<String> evict;
    private final RoutingStrategy routing = AnnotationRoutingStrategy.builder()
            .fallbackRoutingStrategy(UnresolvedRoutingKeyPolicy.RANDOM_KEY).build();
    private final Writer[] writers;
    private final int maxBatch;
    private final ThreadLocal<Boolean> onWriter = ThreadLocal.withInitial(() -> false);
    private volatile boolean closed;
    private volatile Timer queueWait;
    private volatile Timer commit;
    private volatile DistributionSummary batchSize;

    /**
     * @param transactions the batch's transaction, or null for none
     * @param evict drops an aggregate (by identifier) from the aggregate cache
     * @param writers how many single writers (aggregates are spread over them by identifier)
     * @param maxBatch the most commands in one commit
     * @param queueCapacity commands waiting per writer before a caller has to wait for room
     */
    GroupCommitCommandBus(CommandBus delegate, PlatformTransactionManager transactions, Consumer<String> evict,
                          int writers, int maxBatch, int queueCapacity) {
        if (writers < 1 || maxBatch < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("writers, batch size and queue capacity must be at least 1");
        }
        this.delegate = delegate;
        this.transactions = transactions;
        this.evict = evict;
        this.maxBatch = maxBatch;
        this.writers = new Writer[writers];
        for (int i = 0; i < writers; i++) {
            this.writers[i] = new Writer(i, queueCapacity);
            this.writers[i].start();
        }
    }

    @Override
    public <C> void dispatch(CommandMessage<C> command) {
        dispatch(command, (CommandCallback<C, Object>) (c, r) -> {});
    }

    @Override
    public <C, R> void dispatch(CommandMessage<C> command, CommandCallback<? super C, ? super R> callback) {
        if (onWriter.get()) {
            // Dispatched from within a command or a subscribing handler of a writer: queueing it
            // would wait on itself. It joins the running batch instead.
            delegate.dispatch(command, callback);
            return;
        }
        if (closed) {
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(
                    new IllegalStateException("The command bus is shutting down")));
            return;
        }
        String key = routing.getRoutingKey(command);
        Writer writer = writers[Math.floorMod(key.hashCode(), writers.length)];
        try {
            writer.queue.put(new Pending(command, key, callback));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callback.onResult(command, GenericCommandResultMessage.asCommandResultMessage(e));
        }
    }

    @Override
    public Registration subscribe(String commandName, MessageHandler<? super CommandMessage<?>> handler) {
        return delegate.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return delegate.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return delegate.registerDispatchInterceptor(dispatchInterceptor);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Writer w : writers) {
            Gauge.builder("proxyline.command.queue.depth", w.queue, BlockingQueue::size)
                    .description("commands waiting for their writer").tag("writer", Integer.toString(w.index))
                    .register(registry);
        }
        queueWait = Timer.builder("proxyline.command.queue.wait")
                .description("from queueing a command to the start of the batch that runs it").register(registry);
        commit = Timer.builder("proxyline.command.commit")
                .description("the durable commit of a batch of commands").register(registry);
        batchSize = DistributionSummary.builder("proxyline.command.batch.size")
                .description("commands run in one batch (one commit)").register(registry);
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        for (Writer w : writers) w.interrupt();
        for (Writer w : writers) w.join(TimeUnit.SECONDS.toMillis(10));
    }

    /** One command waiting for its writer, and once run, its result. */
    private static final class Pending {
        final CommandMessage<?> command;
        final String key;
        final CommandCallback<Object, Object> callback;
        final long queuedAt = System.nanoTime();
        CommandResultMessage<?> result;

        @SuppressWarnings("unchecked")
        Pending(CommandMessage<?> command, String key, CommandCallback<?, ?> callback) {
            this.command = command;
            this.key = key;
            this.callback = (CommandCallback<Object, Object>) callback;
        }

        @SuppressWarnings("unchecked")
        void answer(CommandResultMessage<?> r) {
            callback.onResult((CommandMessage<Object>) command, (CommandResultMessage<Object>) r);
        }
    }

    private final class Writer extends Thread {
        final BlockingQueue<Pending> queue;
        final int index;

        Writer(int index, int capacity) {
            super("command-writer-" + index);
            setDaemon(true);
            this.index = index;
            this.queue = new ArrayBlockingQueue<>(capacity);
        }

        @Override
        public void run() {
            onWriter.set(true);
            List<Pending> batch = new ArrayList<>(maxBatch);
            while (true) {
                try {
                    Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        if (closed) break;
                        continue;
                    }
                    batch.add(first);
                    queue.drainTo(batch, maxBatch - 1);
                } catch (InterruptedException e) {
                    if (closed && queue.isEmpty()) break;
                    continue;
                }
                runBatch(batch);
                batch.clear();
            }
        }

        private void runBatch(List<Pending> batch) {
            Timer waited = queueWait;
            if (waited != null) {
                long now = System.nanoTime();
                for (Pending p : batch) waited.record(now - p.queuedAt, TimeUnit.NANOSECONDS);
                batchSize.record(batch.size());
            }
            if (transactions == null) {
                for (Pending p : batch) {
                    run(p);
                    p.answer(p.result);
                }
                return;
            }
            RuntimeException commitFailure = null;
            try {
                TransactionStatus tx = transactions.getTransaction(
                        new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_REQUIRED));
                try {
                    DefaultTransactionDefinition savepoint =
                            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);
                    for (Pending p : batch) {
                        TransactionStatus nested = transactions.getTransaction(savepoint);
                        run(p);
                        if (p.result.isExceptional()) transactions.rollback(nested);
                        else transactions.commit(nested);
                    }
                } catch (RuntimeException | Error e) {
                    if (!tx.isCompleted()) transactions.rollback(tx);
                    throw e;
                }
                long committing = System.nanoTime();
                transactions.commit(tx);
                Timer committed = commit;
                if (committed != null) committed.record(System.nanoTime() - committing, TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                commitFailure = e;
            }
            if (commitFailure != null) {
                log.warn("A batch of {} command(s) could not be committed: {}", batch.size(), commitFailure.toString());
                for (Pending p : batch) evict.accept(p.key);
                CommandResultMessage<?> failed = GenericCommandResultMessage.asCommandResultMessage(commitFailure);
                for (Pending p : batch) p.answer(failed);
                return;
            }
            for (Pending p : batch) p.answer(p.result);
        }

        /** Runs one command on the delegate bus, in this thread; Axon's simple bus answers before it returns. */
        private void run(Pending p) {
            try {
                delegate.dispatch(p.command, (c, r) -> p.result = r);
            } catch (RuntimeException e) {
                p.result = GenericCommandResultMessage.asCommandResultMessage(e);
            }
            if (p.result == null) {
                p.result = GenericCommandResultMessage.asCommandResultMessage(new IllegalStateException(
                        "The command bus behind the group commit must answer in the dispatching thread"));
            }
        }
    }
}
