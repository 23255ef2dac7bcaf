// GNU readline and history, for `milequest shell`.
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

// Accessors for readline's global variables: Swift 6 refuses direct access to mutable C
// globals (they are shared state it cannot check), but calls through functions are fine.
typedef char **mq_completion_function(const char *text, int start, int end);

static inline void mq_rl_setup(const char *name, const char *quotes, const char *breaks,
                               mq_completion_function *completer) {
  rl_readline_name = name;
  rl_completer_quote_characters = quotes;
  rl_completer_word_break_characters = breaks;
  rl_attempted_completion_function = completer;
}

static inline const char *mq_rl_line_buffer(void) { return rl_line_buffer; }
static inline void mq_rl_completion_over(void) { rl_attempted_completion_over = 1; }
static inline int mq_rl_completion_quote_character(void) { return rl_completion_quote_character; }
