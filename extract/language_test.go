package extract

import (
	"strings"
	"testing"
)

func TestDetectLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, body, want string }{
		{"english", "The council approved the new budget on Tuesday after a long debate about schools, roads and the future of the city library.", "en"},
		{"german", "Der Stadtrat hat am Dienstag nach einer langen Debatte über Schulen, Straßen und die Zukunft der Stadtbibliothek den neuen Haushalt beschlossen.", "de"},
		{"french", "Le conseil municipal a adopté mardi le nouveau budget après un long débat sur les écoles, les routes et l'avenir de la bibliothèque.", "fr"},
		{"russian", "Городской совет во вторник утвердил новый бюджет после долгих споров о школах, дорогах и будущем городской библиотеки.", "ru"},
		{"too short", "Hello there", ""},
		{"empty", "", ""},
		{"long body is cut on a rune boundary", strings.Repeat("Größere Änderungen am Haushalt wurden besprochen. ", 100), "de"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := detectLanguage(tt.body); got != tt.want {
				t.Errorf("detectLanguage = %q, want %q", got, tt.want)
			}
		})
	}
}
