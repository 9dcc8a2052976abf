/**
 * DMARC aggregate ("rua") reports as data: the RFC 7489 Appendix C model ({@link
 * org.herald.core.dmarc.report.AggregateReport}), its writer and parser, the attachment unpacking that ingestion needs
 * before parsing, and the RFC 7489 §7.1 check that guards where Herald sends reports.
 *
 * <p>Pure JDK: the XML is written by hand and read with the JDK's SAX parser, so the reports Herald sends and the
 * ones it reads are handled by code it controls, with limits it chose. Everything here is stateless and thread-safe.
 * Reports from strangers are hostile input: nothing in this package trusts a declared size, resolves a name found in
 * a report, or reads a DTD.
 */
package org.herald.core.dmarc.report;
