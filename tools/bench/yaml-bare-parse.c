/* yaml-bare-parse: the baseline for the `qms check` benchmark.
 *
 * For every file named on the command line (or, with "-", listed one per line
 * on standard input), read the whole file into memory and run the libyaml event
 * parser over it to the end, counting events. Nothing is built from the events:
 * this is the least any YAML loader must do, so `qms check` time divided by this
 * time is the cost of everything qms adds (model, schema, flow and time checks).
 *
 * Prints "<events> events, <files> files, <bytes> bytes" on standard output.
 * Exit 0 when every file was read and parsed, 1 when some file could not be
 * read or is not valid YAML (each reported on stderr), 2 on usage errors.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

struct totals {
	unsigned long long events;
	unsigned long long bytes;
	unsigned long files;
	unsigned long failed;
};

/* One buffer reused for every file: grows to the largest file, freed at exit. */
static unsigned char *buf;
static size_t buf_cap;

/* Read PATH whole into buf; store its length in *len. 0 on success, -1 after
 * reporting the error on stderr. */
static int read_file(const char *path, size_t *len)
{
	struct stat st;
	size_t have = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		fprintf(stderr, "%s: error: cannot open: %s\n", path, strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		fprintf(stderr, "%s: error: cannot stat: %s\n", path, strerror(errno));
		close(fd);
		return -1;
	}
	if ((size_t)st.st_size + 1 > buf_cap) {
		size_t cap = (size_t)st.st_size + 1;
		unsigned char *p = realloc(buf, cap);

		if (!p) {
			fprintf(stderr, "%s: error: out of memory\n", path);
			close(fd);
			return -1;
		}
		buf = p;
		buf_cap = cap;
	}
	for (;;) {
		ssize_t n;

		if (have == buf_cap) { /* the file grew since fstat */
			size_t cap = buf_cap * 2;
			unsigned char *p = realloc(buf, cap);

			if (!p) {
				fprintf(stderr, "%s: error: out of memory\n", path);
				close(fd);
				return -1;
			}
			buf = p;
			buf_cap = cap;
		}
		n = read(fd, buf + have, buf_cap - have);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "%s: error: cannot read: %s\n", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		have += (size_t)n;
	}
	close(fd);
	*len = have;
	return 0;
}

static void parse_file(const char *path, struct totals *t)
{
	yaml_parser_t parser;
	yaml_event_t event;
	size_t len;
	int done = 0;

	t->files++;
	if (read_file(path, &len) != 0) {
		t->failed++;
		return;
	}
	t->bytes += len;
	if (!yaml_parser_initialize(&parser)) {
		fprintf(stderr, "%s: error: cannot initialise libyaml\n", path);
		t->failed++;
		return;
	}
	yaml_parser_set_input_string(&parser, buf, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &event)) {
			fprintf(stderr, "%s:%lu:%lu: error: %s\n", path, (unsigned long)parser.problem_mark.line + 1,
				(unsigned long)parser.problem_mark.column + 1,
				parser.problem ? parser.problem : "parse error");
			t->failed++;
			break;
		}
		t->events++;
		done = event.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&event);
	}
	yaml_parser_delete(&parser);
}

static int parse_list(FILE *in, struct totals *t)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	while ((n = getline(&line, &cap, in)) >= 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (n > 0)
			parse_file(line, t);
	}
	free(line);
	if (ferror(in)) {
		fprintf(stderr, "yaml-bare-parse: error: cannot read the file list\n");
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct totals t = {0, 0, 0, 0};
	int i;

	if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
		fprintf(argc < 2 ? stderr : stdout,
			"usage: yaml-bare-parse FILE... | yaml-bare-parse - < LIST\n"
			"Run the libyaml event parser over every file and count the events.\n");
		return argc < 2 ? 2 : 0;
	}
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0) {
			if (parse_list(stdin, &t) != 0)
				t.failed++;
		} else {
			parse_file(argv[i], &t);
		}
	}
	free(buf);
	printf("%llu events, %lu files, %llu bytes\n", t.events, t.files, t.bytes);
	return t.failed ? 1 : 0;
}
