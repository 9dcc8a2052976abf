package org.herald.store.opensearch;

/**
 * The OpenSearch cluster could not be reached, or refused a request. The message names the cluster's URLs and what
 * Herald was doing; callers (the ingesting mailet, the /dmarc routes) treat it as the store being unavailable.
 */
public final class OpenSearchStoreException extends RuntimeException {
    public OpenSearchStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
