package org.herald.mailets;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.mailet.MailetConfig;
import org.apache.mailet.MailetContext;

/**
 * The configuration Herald hands to a James mailet it drives internally: the operator's own init parameters,
 * with the values Herald derived from its XML configuration laid over them.
 */
final class DerivedMailetConfig implements MailetConfig {
    private final MailetConfig original;
    private final Map<String, String> parameters;

    DerivedMailetConfig(MailetConfig original, Map<String, String> derived) {
        this.original = original;
        Map<String, String> merged = new LinkedHashMap<>();
        original.getInitParameterNames().forEachRemaining(name -> merged.put(name, original.getInitParameter(name)));
        merged.putAll(derived);
        this.parameters = Map.copyOf(merged);
    }

    @Override
    public String getInitParameter(String name) {
        return parameters.get(name);
    }

    @Override
    public Iterator<String> getInitParameterNames() {
        return parameters.keySet().iterator();
    }

    @Override
    public MailetContext getMailetContext() {
        return original.getMailetContext();
    }

    @Override
    public String getMailetName() {
        return original.getMailetName();
    }
}
