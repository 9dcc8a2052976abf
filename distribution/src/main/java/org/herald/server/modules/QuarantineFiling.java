package org.herald.server.modules;

import java.io.IOException;
import java.util.List;

import javax.inject.Inject;
import javax.mail.MessagingException;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.mailrepository.api.MailRepository;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.api.MailRepositoryUrl;
import org.apache.mailet.Mail;
import org.herald.queue.engine.QuarantinedItem;
import org.herald.queue.james.HeraldMailQueue;
import org.herald.queue.james.HeraldMailQueueFactory;
import org.herald.queue.james.QuarantinedMails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the damaged entries Herald's queues found at start into the quarantine mail repository, where WebAdmin's
 * /mailRepositories routes list and show them. The raw files stay in each queue's quarantine/ directory.
 */
public class QuarantineFiling implements Startable {
    public static final MailRepositoryUrl REPOSITORY = MailRepositoryUrl.from("file://var/mail/quarantine/");
    private static final Logger LOGGER = LoggerFactory.getLogger(QuarantineFiling.class);

    private final HeraldMailQueueFactory queues;
    private final MailRepositoryStore repositories;

    @Inject
    public QuarantineFiling(HeraldMailQueueFactory queues, MailRepositoryStore repositories) {
        this.queues = queues;
        this.repositories = repositories;
    }

    public void start() throws MailRepositoryStore.MailRepositoryStoreException {
        MailRepository repository = null;
        for (HeraldMailQueue queue : queues.openQueues()) {
            List<QuarantinedItem> damaged = queue.recoveryReport().quarantined();
            for (int i = 0; i < damaged.size(); i++) {
                if (repository == null) {
                    repository = repositories.select(REPOSITORY);
                }
                file(repository, queue.getName().asString(), damaged.get(i), i);
            }
        }
    }

    private static void file(MailRepository repository, String queueName, QuarantinedItem item, int ordinal) {
        try {
            Mail mail = QuarantinedMails.toMail(queueName, item, ordinal);
            repository.store(mail);
            LOGGER.warn("Mail queue {}: damaged entry filed as {} in mail repository {} (WebAdmin /mailRepositories/{}/mails): {}",
                queueName, mail.getName(), REPOSITORY.asString(), REPOSITORY.getPath().urlEncoded(), item.reason());
        } catch (MessagingException | IOException | RuntimeException e) {
            LOGGER.error("Mail queue {}: could not file damaged entry {} in {}; its files stay in {}", queueName,
                item.entryId(), REPOSITORY.asString(), item.files(), e);
        }
    }
}
