package org.herald.core.dns;

/** Looks up TXT records through Herald's resolver. Implementations never throw for DNS trouble: they answer {@link TxtAnswer.Failure}. */
@FunctionalInterface
public interface TxtLookup {
    TxtAnswer txt(String name);
}
