/** JMH benchmarks of recipe parsing and of each image engine making a thumbnail. */
package io.pixbox.bench;
