// Non-variadic wrappers around libedit's el_set/el_get/history, which Swift cannot import.
#ifndef LLMCTL_CEDITLINE_SHIM_H
#define LLMCTL_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>

typedef char *(*llmctl_el_prompt_fn)(EditLine *);
typedef unsigned char (*llmctl_el_command_fn)(EditLine *, int);

static inline int llmctl_el_set_prompt(EditLine *e, llmctl_el_prompt_fn f) { return el_set(e, EL_PROMPT, f); }
static inline int llmctl_el_set_editor(EditLine *e, const char *mode) { return el_set(e, EL_EDITOR, mode); }
static inline int llmctl_el_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int llmctl_el_set_hist(EditLine *e, History *h) { return el_set(e, EL_HIST, history, h); }
static inline int llmctl_el_set_clientdata(EditLine *e, void *d) { return el_set(e, EL_CLIENTDATA, d); }
static inline void *llmctl_el_get_clientdata(EditLine *e) { void *d = NULL; el_get(e, EL_CLIENTDATA, &d); return d; }
static inline int llmctl_el_add_function(EditLine *e, const char *name, const char *help, llmctl_el_command_fn f) {
    return el_set(e, EL_ADDFN, name, help, f);
}
static inline int llmctl_el_bind(EditLine *e, const char *key, const char *fn) { return el_set(e, EL_BIND, key, fn, NULL); }
static inline int llmctl_el_bind_mode(EditLine *e, const char *flag, const char *key, const char *fn) {
    return el_set(e, EL_BIND, flag, key, fn, NULL);
}

static inline int llmctl_history_setsize(History *h, HistEvent *ev, int n) { return history(h, ev, H_SETSIZE, n); }
static inline int llmctl_history_setunique(History *h, HistEvent *ev, int on) { return history(h, ev, H_SETUNIQUE, on); }
static inline int llmctl_history_enter(History *h, HistEvent *ev, const char *line) { return history(h, ev, H_ENTER, line); }
static inline int llmctl_history_load(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_LOAD, path); }
static inline int llmctl_history_save(History *h, HistEvent *ev, const char *path) { return history(h, ev, H_SAVE, path); }
static inline int llmctl_history_clear(History *h, HistEvent *ev) { return history(h, ev, H_CLEAR); }
static inline int llmctl_history_first(History *h, HistEvent *ev) { return history(h, ev, H_FIRST); }
static inline int llmctl_history_next(History *h, HistEvent *ev) { return history(h, ev, H_NEXT); }
static inline int llmctl_history_last(History *h, HistEvent *ev) { return history(h, ev, H_LAST); }
static inline int llmctl_history_prev(History *h, HistEvent *ev) { return history(h, ev, H_PREV); }

#endif
