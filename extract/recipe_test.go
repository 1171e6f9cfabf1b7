package extract

import (
	"reflect"
	"testing"

	"github.com/boilerstrip/boilerstrip/extract/blocks"
)

func TestRecipeBlocks(t *testing.T) {
	t.Parallel()
	ingredients := []string{"200 g flour", "2 eggs", "1 pinch of salt", "100 ml milk"}
	method := "Whisk the eggs with the milk, fold in the flour and the salt, and rest the batter for an hour."
	list := []string{"Ingredients", "200 g", "flour", "2", "eggs", "For the batter:", "1 pinch of salt", "100 ml milk"}
	heading := func(s string) blocks.Block { b := textBlock(s); b.Heading = true; return b }
	page := func(before, after []string) []blocks.Block {
		var p []blocks.Block
		add := func(texts []string) {
			for _, s := range texts {
				if s == "Ingredients" {
					p = append(p, heading(s))
				} else {
					p = append(p, textBlock(s))
				}
			}
		}
		add(append([]string{"Home", "Recipes"}, before...))
		p = append(p, textBlock(method))
		add(append(after, "Related recipes", "Pancakes with 2 eggs"))
		return p
	}
	texts := func(bs []blocks.Block) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Text)
		}
		return out
	}
	body := []blocks.Block{textBlock(method)}
	tests := []struct {
		name                string
		page                []blocks.Block
		body                []blocks.Block
		ingredients         []string
		wantBefore, wantAft []string
	}{
		{"list above the method", page(list, nil), body, ingredients, list, nil},
		{"list below the method", page(nil, list), body, ingredients, nil, list},
		{"list already in the body", page(list, nil), append([]blocks.Block{heading("Ingredients")}, append(blocksOf(list[1:]), body...)...), ingredients, nil, nil},
		{"no recipe", page(list, nil), body, nil, nil, nil},
		{"too few lines on the page", page([]string{"200 g", "flour"}, nil), body, ingredients, nil, nil},
		{"ingredient words in prose are no list", page([]string{"Mix 200 g flour with 2 eggs, a pinch of salt and 100 ml of milk, then let it rest for an hour before you bake it in the oven."}, nil), body, ingredients, nil, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			before, after := recipeBlocks(tc.body, tc.page, tc.ingredients)
			if got := texts(before); !reflect.DeepEqual(got, tc.wantBefore) {
				t.Errorf("before = %q, want %q", got, tc.wantBefore)
			}
			if got := texts(after); !reflect.DeepEqual(got, tc.wantAft) {
				t.Errorf("after = %q, want %q", got, tc.wantAft)
			}
		})
	}
}

func blocksOf(texts []string) []blocks.Block {
	var out []blocks.Block
	for _, s := range texts {
		out = append(out, textBlock(s))
	}
	return out
}
