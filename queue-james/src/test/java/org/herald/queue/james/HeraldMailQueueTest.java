package org.herald.queue.james;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.mail.internet.MimeMessage;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueName;
import org.apache.james.queue.api.ManageableMailQueue;
import org.apache.james.queue.api.RawMailQueueItemDecoratorFactory;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.herald.queue.engine.QueueEngineOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import reactor.core.publisher.Flux;

class HeraldMailQueueTest {
    private static final MailQueueName OUTGOING = MailQueueName.of("outgoing");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path root;
    HeraldMailQueueFactory factory;
    HeraldMailQueue queue;

    @BeforeEach
    void open() {
        factory = newFactory();
        queue = factory.createQueue(OUTGOING);
    }

    @AfterEach
    void close() {
        factory.close();
    }

    private HeraldMailQueueFactory newFactory() {
        return new HeraldMailQueueFactory(root, new RawMailQueueItemDecoratorFactory(), Clock.systemUTC(), QueueEngineOptions.defaults());
    }

    private static Mail mail(String name, String sender, String recipient, String text) throws Exception {
        MimeMessage message = MimeMessageBuilder.mimeMessageBuilder().setSubject(name).setText(text).build();
        return MailImpl.builder().name(name).sender(sender).addRecipient(recipient).mimeMessage(message).build();
    }

    private MailQueue.MailQueueItem next() {
        return Flux.from(queue.deQueue()).blockFirst(WAIT);
    }

    private static String body(Mail mail) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        mail.getMessage().writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEnqueuedMailComesBackWithItsEnvelopeAndBodyAndLeavesWhenDone() throws Exception {
        queue.enQueue(mail("m1", "alice@herald.test", "bob@remote.example", "hello queue"));

        MailQueue.MailQueueItem item = next();

        assertThat(item.getMail().getName()).isEqualTo("m1");
        assertThat(item.getMail().getMaybeSender().asString()).isEqualTo("alice@herald.test");
        assertThat(item.getMail().getRecipients()).extracting(Object::toString).containsExactly("bob@remote.example");
        assertThat(body(item.getMail())).contains("Subject: m1").contains("hello queue");
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        assertThat(queue.getSize()).isZero();
    }

    @Test
    void mailQueuedBeforeARestartIsMarkedRecoveredAndTheMarkIsNotQueuedAgain() throws Exception {
        queue.enQueue(mail("before", "a@herald.test", "b@remote.example", "x"));
        factory.close();
        factory = newFactory();
        queue = factory.createQueue(OUTGOING);
        queue.enQueue(mail("after", "a@herald.test", "b@remote.example", "y"));

        MailQueue.MailQueueItem first = next();
        MailQueue.MailQueueItem second = next();

        assertThat(first.getMail().getName()).isEqualTo("before");
        assertThat(RecoveredMail.isRecovered(first.getMail())).isTrue();
        assertThat(second.getMail().getName()).isEqualTo("after");
        assertThat(RecoveredMail.isRecovered(second.getMail())).isFalse();
        HeraldMailQueue other = factory.createQueue(MailQueueName.of("other"));
        other.enQueue(first.getMail());
        MailQueue.MailQueueItem moved = Flux.from(other.deQueue()).blockFirst(WAIT);
        assertThat(RecoveredMail.isRecovered(moved.getMail())).as("the mark speaks of one start only").isFalse();
    }

    @Test
    void freshMailIsHandedOutBeforeMailDeferredIntoTheFuture() throws Exception {
        queue.enQueue(mail("later", "a@herald.test", "b@remote.example", "x"), Duration.ofHours(1));
        queue.enQueue(mail("now", "a@herald.test", "b@remote.example", "y"));

        MailQueue.MailQueueItem item = next();

        assertThat(item.getMail().getName()).isEqualTo("now");
        assertThat(queue.getSize()).isEqualTo(2);
    }

    @Test
    void reEnqueuingALeasedMailDefersTheSameEntryWithoutRewritingItsBody() throws Exception {
        queue.enQueue(mail("retry-me", "a@herald.test", "b@remote.example", "body stays"));
        List<Path> bodiesBefore = bodyFiles();
        BasicFileAttributes before = Files.readAttributes(bodiesBefore.get(0), BasicFileAttributes.class);

        MailQueue.MailQueueItem item = next();
        Mail mail = item.getMail();
        mail.setAttribute(new Attribute(AttributeName.of("retries"), AttributeValue.of(1)));
        mail.setErrorMessage("451 later");
        queue.enQueue(mail, Duration.ofHours(1));
        item.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);

        assertThat(queue.getSize()).isEqualTo(1);
        assertThat(bodyFiles()).containsExactlyElementsOf(bodiesBefore);
        BasicFileAttributes after = Files.readAttributes(bodiesBefore.get(0), BasicFileAttributes.class);
        assertThat(after.fileKey()).isEqualTo(before.fileKey());
        assertThat(after.lastModifiedTime()).isEqualTo(before.lastModifiedTime());

        ManageableMailQueue.MailQueueIterator browse = queue.browse();
        ManageableMailQueue.MailQueueItemView view = browse.next();
        assertThat(view.getMail().getErrorMessage()).isEqualTo("451 later");
        assertThat(view.getMail().getAttribute(AttributeName.of("retries"))).isPresent();
        assertThat(view.getNextDelivery()).hasValueSatisfying(next ->
            assertThat(next).isAfter(ZonedDateTime.now().plusMinutes(59)));
        assertThat(body(view.getMail())).contains("body stays");
    }

    @Test
    void headerFieldsPutInFrontOfASpooledMailTravelToTheNextQueueWithoutACopyOfItsBody() throws Exception {
        HeraldMailQueue spool = factory.createQueue(MailQueueName.of("spool"));
        spool.enQueue(mail("signed", "a@herald.test", "b@remote.example", "the signed body"));
        MailQueue.MailQueueItem spooled = Flux.from(spool.deQueue()).blockFirst(WAIT);
        Mail mail = spooled.getMail();
        String original = body(mail);
        byte[] fields = "DKIM-Signature: v=1; a=ed25519-sha256; b=abc\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(HeaderPrefixedMessage.canPrefix(mail.getMessage())).isTrue();
        ((MailImpl) mail).setMessageNoCopy(
            HeaderPrefixedMessage.prefix(fields, (org.apache.james.server.core.MimeMessageWrapper) mail.getMessage()));

        queue.enQueue(mail);
        spooled.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);

        List<Path> bodies = bodyFiles();
        assertThat(bodies).as("one body file, shared by hard link, not a second copy").hasSize(1);
        assertThat(Files.readString(bodies.get(0), StandardCharsets.ISO_8859_1)).doesNotContain("DKIM-Signature");
        MailQueue.MailQueueItem outgoing = next();
        assertThat(body(outgoing.getMail())).isEqualTo("DKIM-Signature: v=1; a=ed25519-sha256; b=abc\r\n" + original);
        assertThat(outgoing.getMail().getMessage().getHeader("DKIM-Signature")).containsExactly("v=1; a=ed25519-sha256; b=abc");
        assertThat(outgoing.getMail().attributeNames()).extracting(AttributeName::asString)
            .doesNotContain(MailEnvelopes.HEADER_FIELDS);

        // A failed delivery re-enqueues the mail it holds: the fields stay in front of the body.
        queue.enQueue(outgoing.getMail(), Duration.ZERO);
        outgoing.done(MailQueue.MailQueueItem.CompletionStatus.SUCCESS);
        assertThat(body(next().getMail())).isEqualTo("DKIM-Signature: v=1; a=ed25519-sha256; b=abc\r\n" + original);
        assertThat(bodyFiles()).hasSize(1);
    }

    @Test
    void aProcessingFailureKeepsTheMail() throws Exception {
        queue.enQueue(mail("fails", "a@herald.test", "b@remote.example", "x"));

        next().done(MailQueue.MailQueueItem.CompletionStatus.RETRY);
        assertThat(queue.getSize()).isEqualTo(1);
    }

    @Test
    void rejectNeverDropsTheMail() throws Exception {
        queue.enQueue(mail("rejected", "a@herald.test", "b@remote.example", "x"));

        next().done(MailQueue.MailQueueItem.CompletionStatus.REJECT);
        assertThat(queue.getSize()).isEqualTo(1);
    }

    @Test
    void removeBySenderRecipientAndNameThenClear() throws Exception {
        queue.enQueue(mail("n1", "spammer@bad.example", "x@remote.example", "1"));
        queue.enQueue(mail("n2", "ok@herald.test", "victim@remote.example", "2"));
        queue.enQueue(mail("n3", "ok@herald.test", "y@remote.example", "3"));
        queue.enQueue(mail("n4", "ok@herald.test", "z@remote.example", "4"));

        assertThat(queue.remove(ManageableMailQueue.Type.Sender, "spammer@bad.example")).isEqualTo(1);
        assertThat(queue.remove(ManageableMailQueue.Type.Recipient, "victim@remote.example")).isEqualTo(1);
        assertThat(queue.remove(ManageableMailQueue.Type.Name, "n3")).isEqualTo(1);
        assertThat(names()).containsExactly("n4");
        assertThat(queue.clear()).isEqualTo(1);
        assertThat(queue.getSize()).isZero();
    }

    @Test
    void closingAQueueAsWebAdminDoesLeavesItConsumable() throws Exception {
        factory.getQueue(OUTGOING).orElseThrow().close();
        queue.enQueue(mail("after-close", "a@herald.test", "b@remote.example", "x"));

        assertThat(next().getMail().getName()).isEqualTo("after-close");
    }

    @Test
    void flushMakesDeferredMailDueNow() throws Exception {
        queue.enQueue(mail("deferred", "a@herald.test", "b@remote.example", "x"), Duration.ofDays(1));

        queue.flush();

        assertThat(next().getMail().getName()).isEqualTo("deferred");
    }

    @Test
    void queuedMailSurvivesARestartAndItsQueueIsReopened() throws Exception {
        queue.enQueue(mail("persisted", "a@herald.test", "b@remote.example", "still here"));
        factory.close();

        factory = newFactory();
        factory.openExistingQueues();

        assertThat(factory.listCreatedMailQueues()).contains(OUTGOING);
        queue = factory.getQueue(OUTGOING).orElseThrow();
        MailQueue.MailQueueItem item = next();
        assertThat(item.getMail().getName()).isEqualTo("persisted");
        assertThat(body(item.getMail())).contains("still here");
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        queue.browse().forEachRemaining(view -> names.add(view.getMail().getName()));
        return names;
    }

    private List<Path> bodyFiles() throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".body")).sorted().toList();
        }
    }
}
