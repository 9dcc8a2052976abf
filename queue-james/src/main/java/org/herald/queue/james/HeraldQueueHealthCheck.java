package org.herald.queue.james;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.james.core.healthcheck.ComponentName;
import org.apache.james.core.healthcheck.HealthCheck;
import org.apache.james.core.healthcheck.Result;
import org.reactivestreams.Publisher;

import reactor.core.publisher.Mono;

/**
 * /healthcheck for Herald's queues: degraded when a queue holds more mails than {@code maxDepth} or its oldest mail
 * waited longer than {@code maxOldestAge} (a relay down for long, a warmup limit too tight): the operator should look.
 */
public final class HeraldQueueHealthCheck implements HealthCheck {
    private static final ComponentName COMPONENT = new ComponentName("Herald mail queues");

    private final HeraldMailQueueFactory factory;
    private final long maxDepth;
    private final Duration maxOldestAge;

    public HeraldQueueHealthCheck(HeraldMailQueueFactory factory, long maxDepth, Duration maxOldestAge) {
        this.factory = factory;
        this.maxDepth = maxDepth;
        this.maxOldestAge = maxOldestAge;
    }

    @Override
    public ComponentName componentName() {
        return COMPONENT;
    }

    @Override
    public Publisher<Result> check() {
        return Mono.fromCallable(this::evaluate);
    }

    private Result evaluate() {
        List<String> problems = new ArrayList<>();
        for (HeraldMailQueue queue : factory.openQueues()) {
            long depth = queue.getSize();
            if (depth > maxDepth) {
                problems.add("queue " + queue.getName().asString() + " holds " + depth + " mails (healthMaxDepth " + maxDepth + ")");
            }
            queue.engine().oldestAge()
                .filter(age -> age.compareTo(maxOldestAge) > 0)
                .ifPresent(age -> problems.add("queue " + queue.getName().asString() + " has a mail waiting for " + age.toMinutes()
                    + " minutes (healthMaxOldestAge " + maxOldestAge.toMinutes() + " minutes)"));
        }
        return problems.isEmpty() ? Result.healthy(COMPONENT) : Result.degraded(COMPONENT, String.join("; ", problems));
    }
}
