/* gen.c - build-time generator: the OpenAPI document -> k8s_types.c.
 *
 *   jobc-schema-gen k8s-batch-v1-openapi.json k8s_types.c
 *
 * Every named schema and every inline one (a property's array, map or
 * scalar type) becomes one entry of k8s_types[]; references (and allOf
 * with one reference, the document's way to give a reference a default)
 * become indexes.  An object without properties or additionalProperties
 * (FieldsV1, RawExtension, the empty structs) becomes a map of anything:
 * the document cannot tell a free-form object from an empty struct.  Of
 * the x-kubernetes-* extensions only the group-version-kind of a top-level
 * type is kept (its apiVersion and kind); list types, map types, unions
 * and patch strategies are rules on values (unique list keys, one member
 * of a union) or on merging, not on shape.
 * Descriptions and defaults are dropped.  Not part of jobc itself.
 */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "k8s_schema.h"

#define PREFIX "#/components/schemas/"
#define MAXT 4096

struct gprop {
	char *name;
	int type, required;
};

struct gtype {
	const char *name;
	enum k8s_kind kind;
	int elem;
	struct gprop *props;
	int nprops;
	long long min, max;
	char *api_version;
	const char *gvk_kind;
};

static struct gtype types[MAXT];
static int ntypes;
static cJSON *schemas;

static int named(const char *name)
{
	int i = 0;
	for (cJSON *s = schemas->child; s; s = s->next, i++)
		if (!strcmp(s->string, name))
			return i;
	fprintf(stderr, "jobc-schema-gen: unknown reference %s\n", name);
	exit(1);
}

static int new_type(void)
{
	if (ntypes == MAXT) {
		fputs("jobc-schema-gen: too many types\n", stderr);
		exit(1);
	}
	memset(&types[ntypes], 0, sizeof types[ntypes]);
	types[ntypes].elem = -1;
	return ntypes++;
}

static void fill(int t, cJSON *s);

static int prop_order(const void *a, const void *b)
{
	return strcmp(((const struct gprop *)a)->name, ((const struct gprop *)b)->name);
}

/* A top-level kind (Job, CronJob): the apiVersion and kind it is written
 * with.  A type with several kinds (none in batch/v1) gets none. */
static void gvk(int t, cJSON *list)
{
	if (cJSON_GetArraySize(list) != 1)
		return;
	cJSON *g = cJSON_GetArrayItem(list, 0);
	cJSON *group = cJSON_GetObjectItem(g, "group"), *version = cJSON_GetObjectItem(g, "version");
	cJSON *kind = cJSON_GetObjectItem(g, "kind");
	if (!cJSON_IsString(group) || !cJSON_IsString(version) || !cJSON_IsString(kind))
		return;
	size_t n = strlen(group->valuestring) + strlen(version->valuestring) + 2;
	types[t].api_version = malloc(n);
	snprintf(types[t].api_version, n, "%s%s%s", group->valuestring,
	         *group->valuestring ? "/" : "", version->valuestring);
	types[t].gvk_kind = kind->valuestring;
}

/* The type of a schema node: a reference, or a new inline type. */
static int type_of(cJSON *s)
{
	cJSON *ref = cJSON_GetObjectItem(s, "$ref");
	if (ref && cJSON_IsString(ref) && !strncmp(ref->valuestring, PREFIX, strlen(PREFIX)))
		return named(ref->valuestring + strlen(PREFIX));
	cJSON *all = cJSON_GetObjectItem(s, "allOf");
	if (all && cJSON_GetArraySize(all) == 1)
		return type_of(cJSON_GetArrayItem(all, 0));
	int t = new_type();
	fill(t, s);
	return t;
}

static void fill(int t, cJSON *s)
{
	cJSON *type = cJSON_GetObjectItem(s, "type");
	cJSON *fmt = cJSON_GetObjectItem(s, "format");
	const char *ty = type && cJSON_IsString(type) ? type->valuestring : "";
	const char *fm = fmt && cJSON_IsString(fmt) ? fmt->valuestring : "";
	cJSON *one = cJSON_GetObjectItem(s, "oneOf");
	if (!strcmp(fm, "int-or-string")) {
		types[t].kind = K8S_INT_OR_STRING;
	} else if (one) {
		types[t].kind = K8S_QUANTITY; /* oneOf string|number: Quantity */
	} else if (cJSON_GetObjectItem(s, "properties")) {
		types[t].kind = K8S_OBJECT;
		cJSON *props = cJSON_GetObjectItem(s, "properties");
		cJSON *req = cJSON_GetObjectItem(s, "required");
		int n = cJSON_GetArraySize(props);
		types[t].props = calloc((size_t)n, sizeof *types[t].props);
		types[t].nprops = n;
		int i = 0;
		for (cJSON *p = props->child; p; p = p->next, i++) {
			types[t].props[i].name = p->string;
			for (cJSON *r = req ? req->child : NULL; r; r = r->next)
				if (cJSON_IsString(r) && !strcmp(r->valuestring, p->string))
					types[t].props[i].required = 1;
		}
		/* after the names: type_of may add types and move nothing */
		i = 0;
		for (cJSON *p = props->child; p; p = p->next, i++)
			types[t].props[i].type = type_of(p);
	} else if (!strcmp(ty, "object") && cJSON_GetObjectItem(s, "additionalProperties")) {
		types[t].kind = K8S_MAP;
		types[t].elem = type_of(cJSON_GetObjectItem(s, "additionalProperties"));
	} else if (!strcmp(ty, "object")) {
		int any = new_type();
		types[any].kind = K8S_ANY;
		types[t].kind = K8S_MAP;
		types[t].elem = any;
	} else if (!strcmp(ty, "array")) {
		types[t].kind = K8S_ARRAY;
		types[t].elem = type_of(cJSON_GetObjectItem(s, "items"));
	} else if (!strcmp(ty, "string")) {
		types[t].kind = K8S_STRING;
	} else if (!strcmp(ty, "integer")) {
		types[t].kind = K8S_INTEGER;
		if (!strcmp(fm, "int32")) {
			types[t].min = -2147483648LL;
			types[t].max = 2147483647LL;
		} else {
			types[t].min = (-9223372036854775807LL - 1);
			types[t].max = 9223372036854775807LL;
		}
	} else if (!strcmp(ty, "number")) {
		types[t].kind = K8S_NUMBER;
	} else if (!strcmp(ty, "boolean")) {
		types[t].kind = K8S_BOOL;
	} else {
		types[t].kind = K8S_ANY;
	}
	gvk(t, cJSON_GetObjectItem(s, "x-kubernetes-group-version-kind"));
}

static const char *const kind_names[] = {
	"K8S_OBJECT", "K8S_MAP", "K8S_ARRAY", "K8S_STRING", "K8S_INTEGER",
	"K8S_NUMBER", "K8S_BOOL", "K8S_INT_OR_STRING", "K8S_QUANTITY", "K8S_ANY",
};

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: jobc-schema-gen OPENAPI.json OUT.c\n", stderr);
		return 2;
	}
	FILE *in = fopen(argv[1], "rb");
	if (!in) {
		perror(argv[1]);
		return 1;
	}
	fseek(in, 0, SEEK_END);
	long size = ftell(in);
	fseek(in, 0, SEEK_SET);
	char *text = malloc((size_t)size + 1);
	if (fread(text, 1, (size_t)size, in) != (size_t)size) {
		perror(argv[1]);
		return 1;
	}
	text[size] = '\0';
	fclose(in);
	cJSON *doc = cJSON_Parse(text);
	schemas = doc ? cJSON_GetObjectItem(cJSON_GetObjectItem(doc, "components"), "schemas") : NULL;
	if (!schemas) {
		fprintf(stderr, "jobc-schema-gen: %s is not an OpenAPI document\n", argv[1]);
		return 1;
	}
	/* named types first, so that their indexes are their order; in
	 * bytewise order (as Kubernetes writes them), for k8s_type_find */
	int nnamed = 0;
	for (cJSON *s = schemas->child; s; s = s->next, nnamed++) {
		types[new_type()].name = s->string;
		if (nnamed && strcmp(types[nnamed - 1].name, s->string) >= 0) {
			fprintf(stderr, "jobc-schema-gen: %s: the schemas are not in order\n", argv[1]);
			return 1;
		}
	}
	int i = 0;
	for (cJSON *s = schemas->child; s; s = s->next, i++)
		fill(i, s);
	/* each type's fields in bytewise order too, for the checker's search */
	for (int t = 0; t < ntypes; t++)
		if (types[t].nprops > 1)
			qsort(types[t].props, (size_t)types[t].nprops, sizeof *types[t].props, prop_order);

	FILE *out = fopen(argv[2], "w");
	if (!out) {
		perror(argv[2]);
		return 1;
	}
	fprintf(out, "/* Generated by compiler/schema/gen.c from %s; do not edit. */\n",
	        strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1]);
	fputs("#include <string.h>\n\n#include \"k8s_schema.h\"\n\n", out);
	for (int t = 0; t < ntypes; t++) {
		if (!types[t].nprops)
			continue;
		fprintf(out, "static const struct k8s_prop p%d[] = {\n", t);
		for (int k = 0; k < types[t].nprops; k++)
			fprintf(out, "\t{\"%s\", %d, %d},\n", types[t].props[k].name, types[t].props[k].type,
			        types[t].props[k].required);
		fputs("};\n", out);
	}
	fputs("\nconst struct k8s_type k8s_types[] = {\n", out);
	for (int t = 0; t < ntypes; t++) {
		fprintf(out, "\t{%s%s%s, %s, %d, ", types[t].name ? "\"" : "",
		        types[t].name ? types[t].name : "NULL", types[t].name ? "\"" : "",
		        kind_names[types[t].kind], types[t].elem);
		if (types[t].nprops)
			fprintf(out, "p%d, %d, ", t, types[t].nprops);
		else
			fputs("NULL, 0, ", out);
		if (types[t].min == (-9223372036854775807LL - 1))
			fputs("-9223372036854775807LL - 1, ", out);
		else
			fprintf(out, "%lldLL, ", types[t].min);
		fprintf(out, "%lldLL, ", types[t].max);
		if (types[t].api_version)
			fprintf(out, "\"%s\", \"%s\"},\n", types[t].api_version, types[t].gvk_kind);
		else
			fputs("NULL, NULL},\n", out);
	}
	fputs("};\n\n", out);
	fprintf(out, "const int k8s_ntypes = %d;\n\n", ntypes);
	fprintf(out, "int k8s_type_find(const char *name)\n{\n"
	             "\tint lo = 0, hi = %d; /* the named types, in order */\n"
	             "\twhile (lo < hi) {\n"
	             "\t\tint mid = lo + (hi - lo) / 2, c = strcmp(k8s_types[mid].name, name);\n"
	             "\t\tif (!c)\n\t\t\treturn mid;\n"
	             "\t\tif (c < 0)\n\t\t\tlo = mid + 1;\n\t\telse\n\t\t\thi = mid;\n"
	             "\t}\n\treturn -1;\n}\n",
	        nnamed);
	if (fclose(out) != 0) {
		perror(argv[2]);
		return 1;
	}
	cJSON_Delete(doc);
	free(text);
	return 0;
}
