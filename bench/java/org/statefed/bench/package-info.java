/** The benchmark's in-process figures (JMH, heap per entry) and the report every figure goes into. */
package org.statefed.bench;
