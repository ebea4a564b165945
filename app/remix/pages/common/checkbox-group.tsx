import { Checkbox, InlineStack, Text } from "@shopify/polaris";

type CheckboxGroupProps = {
  legend: string;
  /** The form field every checked box submits under, once per value. */
  name: string;
  options: readonly string[];
  selected: string[];
  onChange: (selected: string[]) => void;
  error?: string;
};

/** A row of checkboxes under one legend, submitted as repeated form values. */
export function CheckboxGroup({
  legend,
  name,
  options,
  selected,
  onChange,
  error,
}: CheckboxGroupProps) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend>{legend}</legend>
      <InlineStack gap="300">
        {options.map((option) => (
          <Checkbox
            key={option}
            label={option}
            name={name}
            value={option}
            checked={selected.includes(option)}
            onChange={(on) =>
              onChange(on ? [...selected, option] : selected.filter((value) => value !== option))
            }
          />
        ))}
      </InlineStack>
      {error ? (
        <Text as="p" tone="critical">
          {error}
        </Text>
      ) : null}
    </fieldset>
  );
}
