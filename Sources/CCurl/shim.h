// Typed, non-variadic wrappers around libcurl's variadic setopt/getinfo calls, which Swift cannot import.
// One wrapper per C argument type; callbacks get one wrapper each so their signatures are checked.
#ifndef LLMCTL_CCURL_SHIM_H
#define LLMCTL_CCURL_SHIM_H
#include <curl/curl.h>
#include <sys/types.h>

typedef size_t (*llmctl_curl_data_callback)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*llmctl_curl_xferinfo_callback)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                              curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode llmctl_easy_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode llmctl_easy_setopt_off_t(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode llmctl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode llmctl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode llmctl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode llmctl_easy_setopt_write_function(CURL *h, llmctl_curl_data_callback f) {
    return curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, f);
}
static inline CURLcode llmctl_easy_setopt_header_function(CURL *h, llmctl_curl_data_callback f) {
    return curl_easy_setopt(h, CURLOPT_HEADERFUNCTION, f);
}
static inline CURLcode llmctl_easy_setopt_xferinfo_function(CURL *h, llmctl_curl_xferinfo_callback f) {
    return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, f);
}

static inline CURLcode llmctl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode llmctl_easy_getinfo_off_t(CURL *h, CURLINFO i, curl_off_t *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode llmctl_easy_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode llmctl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode llmctl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) { return curl_easy_getinfo(h, i, v); }

static inline CURLMcode llmctl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return curl_multi_setopt(m, o, v); }

// Macros Swift cannot import as values.
static inline size_t llmctl_writefunc_pause(void) { return CURL_WRITEFUNC_PAUSE; }
static inline long llmctl_pipe_multiplex(void) { return CURLPIPE_MULTIPLEX; }
static inline long llmctl_pause_cont(void) { return CURLPAUSE_CONT; }
static inline long llmctl_http_version_2tls(void) { return CURL_HTTP_VERSION_2TLS; }
static inline long llmctl_http_version_1_1(void) { return CURL_HTTP_VERSION_1_1; }
static inline long llmctl_http_version_2_prior_knowledge(void) { return CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE; }
static inline long llmctl_global_default(void) { return CURL_GLOBAL_DEFAULT; }
static inline long llmctl_version_num(void) { return LIBCURL_VERSION_NUM; }

#endif
