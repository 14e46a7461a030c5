#include "catalog/seed.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "inventory/stock.hpp"
#include "platform/search_log/search_log.hpp"
#include "platform/text/fold.hpp"

namespace moderno::catalog {
namespace {

using db::Value;

// ---------------------------------------------------------------------------------------------
// The store's data. Lists inside one string are '|'-separated.

struct CategorySeed {
  std::string_view slug;
  std::string_view name;
  std::string_view parent;  // slug, "" for a root
  std::string_view description;
  std::string_view sku_prefix = {};  // categories that hold products only
  std::string_view about = {};       // a sentence every description in the category carries
  std::string_view brand_line = {};  // how the brand is presented; {brand} is replaced
};

// Parents come before their children.
constexpr auto kCategories = std::to_array<CategorySeed>({
    {"electronicos", "Electrónicos", "", "Tecnología para la casa, el trabajo y la entretención."},
    {"smartphones", "Smartphones", "electronicos", "Teléfonos inteligentes de las mejores marcas.",
     "SMA", "Compatible con las redes 4G y 5G de todas las compañías chilenas, con carga rápida y "
     "actualizaciones de seguridad garantizadas."},
    {"notebooks", "Notebooks", "electronicos", "Notebooks para estudiar, trabajar y jugar.", "NBK",
     "Viene con el sistema operativo instalado, teclado en español con ñ y batería para toda "
     "una jornada de trabajo o estudio."},
    {"tablets", "Tablets", "electronicos", "Tablets para leer, estudiar y ver series.", "TAB",
     "Ideal para clases en línea, series y lectura, con batería de larga duración y pantalla de "
     "alta resolución."},
    {"audio", "Audio", "electronicos", "Audífonos, parlantes y barras de sonido."},
    {"audifonos", "Audífonos", "audio", "Audífonos inalámbricos, con cable y deportivos.", "AUD",
     "Conexión Bluetooth estable, micrófono para llamadas y batería recargable por USB-C."},
    {"parlantes", "Parlantes", "audio", "Parlantes Bluetooth y barras de sonido.", "PAR",
     "Sonido potente con graves profundos, conexión Bluetooth y batería recargable para llevar "
     "la música a todas partes."},
    {"televisores", "Televisores", "electronicos", "Smart TV 4K, QLED y OLED.", "TEL",
     "Smart TV con acceso a Netflix, YouTube y Disney+, control por voz y soporte para montaje "
     "en muro."},
    {"hogar", "Hogar", "", "Todo para equipar y decorar tu casa."},
    {"cocina", "Cocina", "hogar", "Electrodomésticos y menaje para cocinar mejor."},
    {"electrodomesticos-cocina", "Electrodomésticos de Cocina", "cocina",
     "Licuadoras, freidoras de aire, cafeteras y más.", "ECO",
     "Fácil de limpiar, con piezas desmontables y pensado para el uso diario en tu cocina."},
    {"menaje", "Menaje", "cocina", "Ollas, sartenes, vajilla y utensilios.", "MEN",
     "Materiales aptos para alimentos, resistentes al lavavajillas y pensados para durar años."},
    {"linea-blanca", "Línea Blanca", "hogar", "Refrigeradores, lavadoras, cocinas y más.", "LBL",
     "Etiqueta de eficiencia energética y despacho en camión con instalación coordinada por "
     "teléfono."},
    {"muebles", "Muebles", "hogar", "Muebles para el living, el comedor y el dormitorio.", "MUE",
     "Fabricado en madera y materiales de alta resistencia, se entrega embalado con "
     "instrucciones de armado en español."},
    {"decoracion", "Decoración", "hogar", "Lámparas, cojines, alfombras y cuadros.", "DEC",
     "Detalles que transforman cualquier espacio, con terminaciones cuidadas y colores que "
     "combinan con todo."},
    {"moda", "Moda", "", "Vestuario, calzado y accesorios para toda la familia."},
    {"calzado", "Calzado", "moda", "Zapatillas, botas y sandalias.", "CAL",
     "Plantilla acolchada, suela de goma antideslizante y materiales transpirables para usar "
     "todo el día."},
    {"ropa-mujer", "Ropa Mujer", "moda", "Poleras, jeans, vestidos y parkas de mujer.", "RMU",
     "Confeccionada en telas suaves como algodón y lino, con tallas según la tabla de medidas "
     "chilena."},
    {"ropa-hombre", "Ropa Hombre", "moda", "Poleras, camisas, jeans y parkas de hombre.", "RHO",
     "Telas de algodón de buena calidad, costuras reforzadas y un calce cómodo para el día a "
     "día."},
    {"accesorios", "Accesorios", "moda", "Mochilas, relojes, lentes y billeteras.", "ACC",
     "El complemento ideal para tu estilo, con materiales durables y terminaciones de calidad."},
    {"deportes", "Deportes", "", "Equipamiento para entrenar, pedalear y salir a la montaña."},
    {"fitness", "Fitness", "deportes", "Pesas, máquinas y accesorios para entrenar.", "FIT",
     "Perfecto para entrenar en casa o en el gimnasio, con materiales resistentes y fácil de "
     "guardar."},
    {"ciclismo", "Ciclismo", "deportes", "Bicicletas, cascos y accesorios.", "CIC",
     "Pensado para los cerros y las ciclovías de Chile, con componentes confiables y fácil "
     "mantención."},
    {"outdoor", "Outdoor", "deportes", "Carpas, sacos de dormir y equipo de trekking.", "OUT",
     "Probado en la cordillera y el sur de Chile: liviano, resistente al agua y fácil de "
     "transportar."},
    {"belleza", "Belleza", "", "Cuidado personal, maquillaje y cuidado del cabello.", "BEL",
     "Fórmulas dermatológicamente testeadas para el cuidado diario de tu piel y tu cabello."},
    {"juguetes", "Juguetes", "", "Juguetes, juegos de mesa y rompecabezas.", "JUG",
     "Juguete seguro y certificado para la edad indicada, que estimula la creatividad y el "
     "juego en familia."},
    {"libros", "Libros", "", "Literatura chilena y universal, no ficción e infantiles.", "LIB",
     "Edición en español con papel de calidad, ideal para regalar o sumar a tu biblioteca.",
     "Publicado por {brand}, con despacho a todo Chile."},
});

constexpr std::string_view kDefaultBrandLine =
    "Cuenta con garantía oficial {brand} de 12 meses en Chile.";
constexpr std::string_view kUnbrandedLine =
    "Producto seleccionado por nuestro equipo de compras, con garantía de 6 meses.";

struct BrandSeed {
  std::string_view name;
  std::string_view description;
};

constexpr auto kBrands = std::to_array<BrandSeed>({
    {"Samsung", "Tecnología coreana en smartphones, televisores y línea blanca."},
    {"Apple", "iPhone, iPad, Mac y AirPods."},
    {"Xiaomi", "Smartphones, tablets y dispositivos inteligentes a precios accesibles."},
    {"Motorola", "Smartphones Moto y Edge."},
    {"Lenovo", "Notebooks IdeaPad, ThinkPad y Legion, y tablets Lenovo Tab."},
    {"HP", "Notebooks para el hogar, la oficina y los videojuegos."},
    {"Asus", "Notebooks Vivobook, Zenbook y ROG."},
    {"Sony", "Audio de alta fidelidad y cancelación de ruido."},
    {"LG", "Televisores OLED, lavadoras y audio."},
    {"JBL", "Parlantes y audífonos con el sonido JBL Pro."},
    {"Philips", "Cuidado personal, iluminación y cocina."},
    {"Oster", "Electrodomésticos de cocina desde 1924."},
    {"Thomas", "Pequeños electrodomésticos para el hogar."},
    {"Mademsa", "Línea blanca fabricada pensando en los hogares chilenos."},
    {"Fensa", "Refrigeradores, lavadoras y cocinas con historia en Chile."},
    {"Bosch", "Electrodomésticos alemanes de alta eficiencia."},
    {"Tramontina", "Ollas, sartenes y cuchillería de acero inoxidable."},
    {"Rosen", "Camas y colchones para un mejor descanso."},
    {"Nike", "Calzado y vestuario deportivo."},
    {"Adidas", "Calzado, vestuario y accesorios deportivos."},
    {"Puma", "Zapatillas y ropa deportiva."},
    {"Skechers", "Zapatillas cómodas para caminar."},
    {"Columbia", "Ropa y calzado para la vida al aire libre."},
    {"Doite", "Equipamiento outdoor chileno desde 1960."},
    {"Oxford", "Bicicletas chilenas para ciudad, montaña y niños."},
    {"Trek", "Bicicletas de montaña, ruta y ciudad."},
    {"Lego", "Sets de construcción para todas las edades."},
    {"Mattel", "Barbie, Hot Wheels y juegos de mesa."},
    {"Hasbro", "Monopoly, Nerf, Transformers y Marvel."},
    {"L'Oréal", "Cuidado del cabello y maquillaje."},
    {"Nivea", "Cuidado de la piel para toda la familia."},
    {"Maybelline", "Maquillaje de Nueva York."},
    {"Penguin Random House", "Literatura, no ficción e infantiles en español."},
    {"Planeta", "Grupo editorial de habla hispana."},
    {"Zig-Zag", "Editorial chilena de clásicos escolares y literatura infantil."},
});

struct WarehouseSeed {
  std::string_view code, name, city, region;
  int priority;
};

constexpr auto kWarehouses = std::to_array<WarehouseSeed>({
    {"SCL", "Bodega Santiago", "Santiago", "Región Metropolitana", 10},
    {"VAP", "Bodega Valparaíso", "Valparaíso", "Región de Valparaíso", 20},
});

// How the variants of a product differ.
enum class Options { kNone, kShoeSizes, kClothingSizes, kStorage, kColors };

// A family of similar products: every model comes in every spec.
struct Family {
  std::string_view category;  // slug of a category with a sku_prefix
  std::string_view kind;      // what it is; the first words of the name
  std::string_view brand;     // "" for unbranded goods
  std::string_view models;    // cheapest first
  std::string_view specs;     // name suffixes, cheapest first; "" for none
  std::string_view pitch;     // the short description, without its capital and full stop
  std::int64_t min_price;     // CLP, first model
  std::int64_t max_price;     // CLP, last model
  int min_grams, max_grams;
  std::array<int, 3> box_cm;  // packed length, width and height
  Options options = Options::kNone;
  bool brand_in_name = true;
};

constexpr auto kFamilies = std::to_array<Family>({
    // Smartphones
    {"smartphones", "Smartphone", "Samsung",
     "Galaxy A15|Galaxy A25|Galaxy A35|Galaxy A55|Galaxy S24 FE|Galaxy S24|Galaxy S24+|"
     "Galaxy S24 Ultra", "",
     "con pantalla Super AMOLED, cámara de 50 MP y batería de 5.000 mAh para todo el día",
     169990, 1299990, 170, 235, {17, 9, 6}, Options::kStorage},
    {"smartphones", "Smartphone", "Apple",
     "iPhone 13|iPhone 14|iPhone 15|iPhone 15 Plus|iPhone 15 Pro|iPhone 15 Pro Max", "",
     "con chip de Apple, pantalla Super Retina XDR y cámara que graba video en 4K",
     599990, 1599990, 170, 225, {17, 9, 6}, Options::kStorage},
    {"smartphones", "Smartphone", "Xiaomi",
     "Redmi 13C|Redmi Note 13|Redmi Note 13 Pro|Redmi Note 13 Pro+|Poco X6 Pro|Poco F6|"
     "Xiaomi 14", "128GB|256GB",
     "con pantalla AMOLED de 120 Hz, carga rápida y cámara con inteligencia artificial",
     119990, 799990, 180, 210, {17, 9, 6}},
    {"smartphones", "Smartphone", "Motorola",
     "Moto G24|Moto G54|Moto G84|Edge 40 Neo|Edge 50 Pro|Razr 40", "128GB|256GB",
     "con Android puro, batería de larga duración y resistencia a salpicaduras",
     129990, 699990, 170, 200, {17, 9, 6}},
    // Notebooks
    {"notebooks", "Notebook", "Lenovo",
     "IdeaPad 1|IdeaPad Slim 3|IdeaPad Slim 5|ThinkPad E14|Yoga 7|ThinkPad T14|Legion 5",
     "Intel Core i5 8GB 512GB SSD|Intel Core i7 16GB 1TB SSD",
     "con pantalla Full HD, disco sólido ultrarrápido y teclado cómodo para largas jornadas",
     399990, 1499990, 1400, 2400, {45, 32, 8}},
    {"notebooks", "Notebook", "HP",
     "Laptop 15|Pavilion 15|Victus 15|Envy x360|OMEN 16", "AMD Ryzen 5 8GB 512GB SSD|"
     "AMD Ryzen 7 16GB 1TB SSD",
     "con procesador AMD Ryzen, pantalla antirreflejo y audio afinado por B&O",
     429990, 1399990, 1600, 2400, {45, 32, 8}},
    {"notebooks", "Notebook", "Asus",
     "Vivobook 15|Vivobook S14|Zenbook 14 OLED|TUF Gaming F15|ROG Strix G16", "",
     "liviano y potente, con pantalla de alta nitidez y batería de carga rápida",
     449990, 1799990, 1300, 2500, {45, 32, 8}},
    {"notebooks", "Notebook", "Apple",
     "MacBook Air 13 M2|MacBook Air 13 M3|MacBook Air 15 M3|MacBook Pro 14 M3",
     "8GB 256GB|16GB 512GB",
     "con chip Apple Silicon, pantalla Liquid Retina y hasta 18 horas de batería",
     899990, 1999990, 1240, 1600, {40, 28, 6}},
    // Tablets
    {"tablets", "Tablet", "Samsung", "Galaxy Tab A9|Galaxy Tab A9+|Galaxy Tab S9 FE|Galaxy Tab S9",
     "64GB|128GB", "con pantalla inmersiva, parlantes Dolby Atmos y batería para todo el día",
     149990, 749990, 330, 560, {30, 20, 5}, Options::kColors},
    {"tablets", "Tablet", "Apple", "iPad mini|iPad 10.ª generación|iPad Air 11|iPad Pro 11", "",
     "con pantalla Liquid Retina, compatibilidad con Apple Pencil y chip ultrarrápido",
     449990, 1299990, 290, 480, {30, 20, 5}, Options::kStorage},
    {"tablets", "Tablet", "Xiaomi", "Redmi Pad SE|Redmi Pad Pro|Pad 6", "128GB|256GB",
     "con pantalla de 11 pulgadas a 90 Hz y cuatro parlantes con Dolby Atmos",
     169990, 449990, 480, 570, {30, 20, 5}, Options::kColors},
    {"tablets", "Tablet", "Lenovo", "Tab M9|Tab M10 Plus|Tab P11|Tab P12", "",
     "con modo para niños, pantalla con protección ocular y batería de larga duración",
     119990, 399990, 340, 620, {30, 20, 5}},
    // Audífonos
    {"audifonos", "Audífonos", "Sony",
     "WF-C500|WH-CH520|WH-CH720N|ULT Wear|WH-1000XM4|WF-1000XM5|WH-1000XM5", "",
     "con cancelación de ruido, sonido de alta resolución y hasta 30 horas de batería",
     49990, 399990, 40, 260, {22, 18, 8}, Options::kColors},
    {"audifonos", "Audífonos", "JBL",
     "Tune Flex|Wave Beam|Tune 520BT|Tune 720BT|Endurance Peak 3|Live 660NC|Quantum 100", "",
     "con el sonido JBL Pure Bass, conexión multipunto y carga rápida",
     29990, 149990, 40, 260, {22, 18, 8}, Options::kColors},
    {"audifonos", "Audífonos", "Apple", "AirPods 2|AirPods 3|AirPods Pro 2|AirPods Max", "",
     "con audio espacial personalizado y conexión instantánea con tus dispositivos Apple",
     129990, 649990, 40, 385, {12, 10, 5}},
    {"audifonos", "Audífonos", "Samsung",
     "Galaxy Buds FE|Galaxy Buds3|Galaxy Buds2 Pro|Galaxy Buds3 Pro", "",
     "con cancelación activa de ruido, sonido afinado por AKG y estuche de carga compacto",
     59990, 219990, 40, 60, {12, 10, 5}, Options::kColors},
    {"audifonos", "Audífonos", "Xiaomi", "Redmi Buds 4 Active|Redmi Buds 5|Redmi Buds 5 Pro|"
     "Buds 4 Pro", "", "con cancelación de ruido, resistencia al agua IP54 y hasta 38 horas de uso",
     14990, 99990, 40, 60, {12, 10, 5}},
    {"audifonos", "Audífonos", "Philips", "TAT2206|TAH4205|TAA4216|TAH8506", "",
     "con sonido equilibrado, almohadillas suaves y micrófono con reducción de ruido",
     19990, 119990, 40, 250, {20, 18, 7}},
    // Parlantes
    {"parlantes", "Parlante Bluetooth", "JBL",
     "Go 3|Go 4|Clip 4|Clip 5|Flip 6|Charge 5|Xtreme 3|PartyBox Encore|PartyBox 110|Boombox 3",
     "", "resistente al agua y al polvo IP67, con sonido JBL Pro y batería de larga duración",
     34990, 549990, 200, 10800, {25, 15, 15}, Options::kColors},
    {"parlantes", "Parlante Bluetooth", "Sony",
     "SRS-XB100|SRS-XE200|SRS-XE300|ULT Field 1|SRS-XG300|ULT Field 7", "",
     "con graves potentes, resistencia a golpes y hasta 24 horas de música",
     49990, 599990, 270, 13000, {25, 15, 15}},
    {"parlantes", "Parlante Bluetooth", "LG", "XBoom Go XG2|XBoom Go XG5|XBoom Go XG8|XBoom XL7",
     "", "con luces LED, sonido Meridian y resistencia al agua para la playa o la piscina",
     39990, 449990, 400, 13000, {25, 15, 15}},
    {"parlantes", "Soundbar", "Samsung", "HW-B450|HW-C450|HW-Q600C|HW-Q800C|HW-Q990C", "",
     "con subwoofer inalámbrico, Dolby Atmos y conexión directa con tu televisor Samsung",
     149990, 1099990, 5000, 20000, {100, 20, 15}},
    // Televisores
    {"televisores", "Smart TV", "Samsung",
     "Crystal UHD CU7000|Crystal UHD CU8000|QLED Q60C|QLED Q70C|Neo QLED QN85C|OLED S90C",
     "55 pulgadas|65 pulgadas",
     "con resolución 4K, HDR10+ y sistema operativo Tizen con las principales aplicaciones",
     349990, 1999990, 14000, 25000, {140, 85, 15}},
    {"televisores", "Smart TV", "LG", "UHD UR8750|NanoCell NANO77|QNED QNED80|OLED B3|OLED evo C3",
     "55 pulgadas|65 pulgadas",
     "con procesador α7, webOS, Dolby Vision y modo juego para consolas",
     369990, 1899990, 14000, 26000, {140, 85, 15}},
    {"televisores", "Smart TV", "Xiaomi", "TV A 2025|TV A Pro|TV Max", "43 pulgadas|55 pulgadas",
     "con Google TV, Chromecast incorporado y control remoto por voz",
     229990, 699990, 7000, 15000, {125, 78, 14}},
    {"televisores", "Smart TV", "Philips", "Ambilight PUD7908|The One PUS8808",
     "50 pulgadas|55 pulgadas",
     "con Ambilight, que proyecta los colores de la imagen en la pared, y resolución 4K",
     399990, 699990, 11000, 16000, {130, 80, 14}},
    // Electrodomésticos de cocina
    {"electrodomesticos-cocina", "Licuadora", "Oster",
     "Classic 4655|Xpert Series|Pro 1200|Versa Performance", "",
     "con vaso de vidrio termorresistente, cuchillas de acero inoxidable y función pulso",
     39990, 349990, 3500, 5500, {25, 25, 42}},
    {"electrodomesticos-cocina", "Freidora de Aire", "Oster", "DiamondForce 4L|Digital 5L|"
     "Oven 10L", "", "que cocina sin aceite, con panel digital y ocho programas preestablecidos",
     59990, 129990, 4000, 7500, {35, 32, 35}},
    {"electrodomesticos-cocina", "Cafetera", "Oster",
     "Programable 12 Tazas|Espresso Prima Latte|Cold Brew", "",
     "para preparar café de grano o molido con la intensidad que prefieras",
     34990, 189990, 2500, 5000, {30, 25, 38}},
    {"electrodomesticos-cocina", "Hervidor Eléctrico", "Thomas", "TH-1700|TH-1710i|Vidrio 1,7L",
     "", "con apagado automático, base giratoria de 360 grados y filtro antisarro",
     14990, 39990, 900, 1300, {24, 18, 26}},
    {"electrodomesticos-cocina", "Batidora", "Thomas", "Inmersión TH-3050|TH-2530|"
     "TH-2550 Pedestal", "", "con cinco velocidades, función turbo y accesorios de acero",
     19990, 99990, 900, 4500, {35, 25, 35}},
    {"electrodomesticos-cocina", "Freidora de Aire", "Philips",
     "Essential XL|Serie 3000 6,2L|Serie 5000 Doble Canasta|Airfryer XXL Premium", "",
     "con tecnología Rapid Air, que elimina hasta el 90% de la grasa",
     79990, 299990, 5000, 8500, {40, 35, 35}},
    {"electrodomesticos-cocina", "Horno Eléctrico", "Mademsa", "Cuisine 25L|Cuisine 35L|"
     "Grill 45L", "", "con grill, temporizador de 60 minutos y bandeja enlozada",
     49990, 119990, 7000, 12000, {55, 40, 35}},
    {"electrodomesticos-cocina", "Microondas", "Samsung", "MS23K3515|MG23K3515 Grill|MS28F303TA",
     "", "con plato de cerámica fácil de limpiar y modo descongelado rápido",
     79990, 149990, 12000, 15000, {52, 40, 32}},
    {"electrodomesticos-cocina", "Robot de Cocina", "Bosch", "MultiTalent 3|MUM Serie 2|"
     "MUM Serie 4", "", "para amasar, batir, picar y rallar con un solo motor",
     99990, 349990, 3000, 7000, {40, 30, 35}},
    {"electrodomesticos-cocina", "Microondas", "LG", "NeoChef 25L|NeoChef 42L Grill", "",
     "con tecnología Smart Inverter para calentar parejo y ahorrar energía",
     99990, 189990, 11000, 16000, {55, 42, 34}},
    // Menaje
    {"menaje", "Batería de Cocina", "Tramontina",
     "Paris 5 Piezas|Solar Inox 5 Piezas|Turim 7 Piezas|Lyon 9 Piezas", "",
     "de acero inoxidable con fondo triple, apta para cocinas a gas, eléctricas y de inducción",
     49990, 199990, 3500, 7500, {45, 35, 25}},
    {"menaje", "Sartén", "Tramontina", "Loreto 20 cm|Loreto 24 cm|Mônaco 26 cm|Paris 28 cm", "",
     "con antiadherente Starflon de larga duración y mango que no se calienta",
     12990, 39990, 500, 1400, {50, 30, 8}},
    {"menaje", "Set de Cuchillos", "Tramontina",
     "Polywood 5 Piezas|Century 6 Piezas|Plenus 8 Piezas", "",
     "de acero inoxidable con filo de larga duración y mangos ergonómicos",
     19990, 129990, 600, 2000, {40, 20, 8}},
    {"menaje", "Olla a Presión", "Tramontina", "Vancouver 4,5L|Allegra 6L", "",
     "con cierre de seguridad múltiple y válvula de presión regulable",
     39990, 69990, 2500, 3500, {35, 25, 25}},
    {"menaje", "Juego de Vajilla", "", "Nórdica 12 Piezas|Rústica 18 Piezas|Gres Terracota "
     "16 Piezas|Nórdica 20 Piezas|Porcelana Blanca 30 Piezas", "",
     "apta para microondas y lavavajillas, con un diseño que combina con cualquier mesa",
     24990, 99990, 4000, 12000, {45, 35, 30}, Options::kNone, false},
    {"menaje", "Set de Cristalería", "", "Vasos Altos 6 Unidades|Vasos Bajos 8 Unidades|"
     "Copas de Vino 4 Unidades|Copas de Champaña 6 Unidades", "",
     "de vidrio resistente, ideal para el día a día y para recibir visitas",
     9990, 29990, 1500, 3000, {30, 25, 20}, Options::kNone, false},
    {"menaje", "Termo de Acero Inoxidable", "", "500 ml|750 ml|1 Litro|1,2 Litros", "",
     "que mantiene el agua caliente por 24 horas, perfecto para el mate o el café",
     12990, 29990, 400, 800, {30, 10, 10}, Options::kColors, false},
    {"menaje", "Tabla de Picar", "", "Bambú Mediana|Bambú Grande|Teca Premium", "",
     "de madera natural tratada, con canal para jugos y superficie que cuida tus cuchillos",
     7990, 34990, 600, 2500, {45, 30, 4}, Options::kNone, false},
    // Línea blanca
    {"linea-blanca", "Refrigerador", "Mademsa", "Altus 1200|Combi 1300|Altus 1350 No Frost|"
     "Nordik 415", "", "con gran capacidad, repisas de vidrio templado y control de temperatura",
     249990, 549990, 45000, 70000, {70, 65, 175}},
    {"linea-blanca", "Refrigerador", "Fensa", "Top Mount 360|Advantage 5200|Advantage 6500 No "
     "Frost", "", "No Frost, con cajón de verduras amplio y bajo consumo de energía",
     279990, 599990, 50000, 75000, {70, 65, 180}},
    {"linea-blanca", "Refrigerador", "Samsung", "Top Mount RT38|Bottom Freezer RB34|"
     "Side by Side RS60|Bespoke 4 Puertas", "",
     "con compresor Digital Inverter con 20 años de garantía y enfriamiento uniforme",
     449990, 2199990, 60000, 130000, {90, 75, 180}},
    {"linea-blanca", "Lavadora", "Mademsa", "Eterna 7 kg|Eterna 9 kg|Nordik 11 kg", "",
     "con doce programas de lavado, centrifugado regulable y tapa de vidrio",
     189990, 349990, 30000, 42000, {60, 60, 100}},
    {"linea-blanca", "Lavadora", "Fensa", "Digital 8 kg|Digital 10 kg", "",
     "con panel digital, lavado rápido de 15 minutos y motor silencioso",
     229990, 299990, 32000, 40000, {60, 60, 100}},
    {"linea-blanca", "Lavadora", "LG", "Carga Superior 13 kg|Carga Frontal 9 kg AI DD|"
     "WashTower 16 kg", "", "con motor Inverter Direct Drive con 10 años de garantía y vapor",
     399990, 1899990, 40000, 110000, {70, 70, 110}},
    {"linea-blanca", "Secadora", "Samsung", "10 kg Eléctrica|9 kg Bomba de Calor", "",
     "con sensor de humedad que evita el sobresecado y cuida tus prendas",
     399990, 899990, 40000, 55000, {65, 65, 90}},
    {"linea-blanca", "Cocina a Gas", "Fensa", "F2225|F2905 Gourmet|F5400 6 Quemadores", "",
     "con horno autolimpiante, encendido eléctrico y parrillas de fierro fundido",
     179990, 449990, 35000, 55000, {60, 60, 90}},
    {"linea-blanca", "Cocina a Gas", "Mademsa", "Magistral 4 Platos|Magistral 5 Platos", "",
     "con encendido automático, horno con luz y válvulas de seguridad",
     159990, 229990, 33000, 42000, {60, 55, 90}},
    {"linea-blanca", "Lavavajillas", "Bosch", "Serie 2 12 Servicios|Serie 4 13 Servicios|"
     "Serie 6 14 Servicios", "", "silencioso y eficiente, con secado extra y media carga",
     449990, 899990, 40000, 50000, {65, 65, 90}},
    // Muebles
    {"muebles", "Sofá", "", "Oslo 2 Cuerpos|Oslo 3 Cuerpos|Roma Cama|Berlín Chaise Longue|"
     "Milán Seccional", "",
     "tapizado en tela antimanchas, con cojines de espuma de alta densidad",
     249990, 899990, 35000, 90000, {200, 90, 85}, Options::kColors, false},
    {"muebles", "Sillón", "", "Escandinavo Nórdico|Bergère Clásico|Reclinable Relax", "",
     "cómodo y firme, con patas de madera y tapiz de fácil limpieza",
     119990, 299990, 12000, 35000, {80, 80, 90}, Options::kColors, false},
    {"muebles", "Mesa de Comedor", "", "Roble 4 Personas|Roble 6 Personas|Vidrio Templado 6 "
     "Personas|Extensible 8 Personas", "",
     "de cubierta resistente a manchas y rayas, fácil de armar",
     149990, 599990, 25000, 60000, {160, 90, 15}, Options::kNone, false},
    {"muebles", "Silla de Comedor", "", "Eames Blanca|Eames Negra|Madera Nórdica|Tapizada Lino",
     "", "estable y liviana, con asiento ergonómico y regatones que protegen el piso",
     29990, 89990, 4000, 7000, {55, 50, 45}, Options::kNone, false},
    {"muebles", "Escritorio", "", "Home Office 120 cm|Esquinero en L|Gamer con Luz LED|"
     "Elevable Eléctrico", "", "amplio y firme, con pasacables para un espacio de trabajo ordenado",
     69990, 399990, 15000, 40000, {125, 65, 12}, Options::kNone, false},
    {"muebles", "Silla de Oficina", "", "Ergonómica Mesh|Ejecutiva Cuero Sintético|Gamer Pro", "",
     "con soporte lumbar, altura regulable y ruedas silenciosas",
     79990, 249990, 12000, 22000, {70, 65, 45}, Options::kNone, false},
    {"muebles", "Rack TV", "", "Flotante 140 cm|Nórdico 160 cm|Industrial 180 cm", "",
     "para televisores de hasta 65 pulgadas, con repisas y espacio para consolas",
     79990, 229990, 18000, 40000, {185, 45, 20}, Options::kNone, false},
    {"muebles", "Cama Europea", "Rosen", "Pocket 1,5 Plazas|Pocket 2 Plazas|Gold 2 Plazas|"
     "Platinum King", "", "con resortes ensacados, pillow top y base firme de madera",
     249990, 1199990, 40000, 90000, {200, 160, 60}},
    {"muebles", "Cómoda", "", "4 Cajones Roble|6 Cajones Blanca", "",
     "con cajones de correderas metálicas y tiradores de madera",
     89990, 149990, 25000, 40000, {90, 45, 20}, Options::kNone, false},
    // Decoración
    {"decoracion", "Lámpara de Pie", "", "Trípode Madera|Industrial Negra|Arco Moderna", "",
     "con pantalla de tela y cable con interruptor de pie", 39990, 129990, 3000, 9000,
     {60, 30, 30}, Options::kNone, false},
    {"decoracion", "Lámpara de Mesa", "", "Cerámica Blanca|Ratán Natural|Vidrio Ámbar", "",
     "de luz cálida, ideal para el velador o el escritorio", 19990, 49990, 1000, 3000,
     {35, 30, 30}, Options::kNone, false},
    {"decoracion", "Ampolleta Inteligente", "Philips", "WiZ Tunable GU10|WiZ Color A60|"
     "Hue White E27|Hue White and Color E27", "",
     "que se controla desde el celular o por voz, con millones de colores y temporizador",
     9990, 59990, 60, 150, {12, 7, 7}},
    {"decoracion", "Cojín Decorativo", "", "Lino 45x45|Bordado Étnico 45x45|Terciopelo 50x50",
     "", "con funda removible de algodón y relleno de fibra siliconada", 9990, 19990, 400, 800,
     {50, 50, 15}, Options::kColors, false},
    {"decoracion", "Alfombra", "", "Vintage 120x170|Shaggy 160x230|Geométrica 160x230|"
     "Yute Natural 200x290", "", "suave al tacto, antideslizante y fácil de aspirar",
     29990, 149990, 2000, 9000, {120, 30, 30}, Options::kNone, false},
    {"decoracion", "Cuadro Decorativo", "", "Botánico Set 3|Paisaje Patagonia|Valparaíso Colores|"
     "Abstracto Tríptico", "", "impreso en canvas con bastidor de madera, listo para colgar",
     19990, 69990, 1000, 4000, {80, 60, 5}, Options::kNone, false},
    {"decoracion", "Espejo", "", "Redondo 60 cm|Sol Ratán|Cuerpo Entero 160 cm", "",
     "con marco resistente y fijaciones incluidas", 24990, 99990, 3000, 15000, {160, 60, 5},
     Options::kNone, false},
    {"decoracion", "Cortina Blackout", "", "140x220|200x220|280x220", "",
     "que bloquea la luz y aísla del frío, con argollas metálicas", 14990, 34990, 900, 2000,
     {40, 30, 8}, Options::kColors, false},
    {"decoracion", "Set de Velas Aromáticas", "", "Vainilla|Lavanda|Canela y Naranja", "",
     "de cera de soya con mechas de algodón y hasta 40 horas de aroma", 9990, 14990, 600, 900,
     {25, 15, 12}, Options::kNone, false},
    {"decoracion", "Reloj de Pared", "", "Nórdico 30 cm|Industrial 50 cm", "",
     "con mecanismo silencioso de cuarzo", 14990, 39990, 500, 2000, {52, 52, 6},
     Options::kNone, false},
    // Calzado
    {"calzado", "Zapatillas Running", "Nike", "Revolution 7|Downshifter 13|Air Zoom Pegasus 40|"
     "Air Max SC|Invincible 3", "", "con amortiguación reactiva y capellada de malla transpirable",
     49990, 169990, 550, 750, {33, 22, 12}, Options::kShoeSizes},
    {"calzado", "Zapatillas Urbanas", "Nike", "Court Vision Low|Air Force 1 '07|Dunk Low|"
     "Air Max 90", "", "de cuero, con el diseño clásico que combina con todo",
     64990, 139990, 700, 900, {33, 22, 12}, Options::kShoeSizes},
    {"calzado", "Zapatillas Running", "Adidas", "Duramo SL|Runfalcon 3.0|Supernova Rise|"
     "Adizero SL|Ultraboost Light", "", "con entresuela Boost o Lightmotion para correr más lejos",
     44990, 189990, 550, 750, {33, 22, 12}, Options::kShoeSizes},
    {"calzado", "Zapatillas Urbanas", "Adidas", "Grand Court 2.0|Superstar|Gazelle|Campus 00s|"
     "Samba OG", "", "de gamuza o cuero, un clásico de las calles desde los años 70",
     54990, 119990, 700, 900, {33, 22, 12}, Options::kShoeSizes},
    {"calzado", "Zapatillas", "Puma", "Smash v2|Caven 2.0|Suede Classic|Velocity Nitro 3", "",
     "cómodas y livianas, con suela de goma de alta tracción", 39990, 129990, 550, 800,
     {33, 22, 12}, Options::kShoeSizes},
    {"calzado", "Zapatillas", "Skechers", "Go Walk 7|Summits|D'Lites|Arch Fit", "",
     "con plantilla Memory Foam y soporte para el arco del pie", 44990, 89990, 400, 700,
     {33, 22, 12}, Options::kShoeSizes},
    {"calzado", "Botas Outdoor", "Columbia", "Redmond III Mid|Facet 75 Mid|Newton Ridge Plus II",
     "", "impermeables, con suela Omni-Grip para senderos húmedos", 89990, 159990, 900, 1300,
     {35, 25, 14}, Options::kShoeSizes},
    {"calzado", "Botines", "", "Chelsea Cuero Negro|Chelsea Gamuza Café", "",
     "de cuero genuino, con elásticos laterales y suela de goma", 49990, 69990, 900, 1200,
     {33, 22, 13}, Options::kShoeSizes, false},
    {"calzado", "Sandalias", "Adidas", "Adilette Aqua|Adilette Comfort", "",
     "de secado rápido, ideales para la piscina o después de entrenar", 19990, 29990, 250, 400,
     {30, 15, 8}, Options::kShoeSizes},
    // Ropa mujer
    {"ropa-mujer", "Polera Mujer", "", "Algodón Básica|Manga Larga Rib|Oversize Estampada", "",
     "de algodón peinado, suave y fresca", 7990, 14990, 150, 250, {30, 25, 3},
     Options::kClothingSizes, false},
    {"ropa-mujer", "Jeans Mujer", "", "Skinny Tiro Alto|Straight Clásico|Mom Fit|Wide Leg", "",
     "de mezclilla con elasticidad y cinco bolsillos", 19990, 34990, 450, 600, {35, 30, 5},
     Options::kClothingSizes, false},
    {"ropa-mujer", "Vestido", "", "Midi Floral|Camisero Lino|Tejido Manga Larga|Largo Verano", "",
     "de tela liviana, con caída suave y forro interior", 19990, 39990, 250, 450, {35, 30, 4},
     Options::kClothingSizes, false},
    {"ropa-mujer", "Chaqueta Mujer", "Columbia", "Arcadia II Impermeable|Powder Lite|"
     "Heavenly Long", "", "con aislamiento térmico Omni-Heat, ideal para el invierno del sur",
     79990, 169990, 400, 900, {40, 30, 8}, Options::kClothingSizes},
    {"ropa-mujer", "Parka Mujer", "Doite", "Plumón Liviana|Térmica Urbana", "",
     "de plumón sintético, compacta y abrigada", 59990, 89990, 400, 700, {40, 30, 8},
     Options::kClothingSizes},
    {"ropa-mujer", "Calza Deportiva", "Adidas", "Essentials 3 Bandas|Optime 7/8", "",
     "de tela elasticada que se mueve contigo y seca rápido", 19990, 39990, 200, 300,
     {30, 25, 3}, Options::kClothingSizes},
    {"ropa-mujer", "Polerón Mujer", "Nike", "Club Fleece|Sportswear Phoenix Fleece", "",
     "de felpa de algodón suave con capucha ajustable", 39990, 59990, 450, 600, {35, 30, 6},
     Options::kClothingSizes},
    {"ropa-mujer", "Blusa", "", "Campesina|Lino Bordada|Satín Manga Larga", "",
     "elegante y fresca, para la oficina o el fin de semana", 14990, 24990, 150, 250,
     {30, 25, 3}, Options::kClothingSizes, false},
    {"ropa-mujer", "Sweater", "", "Cárdigan Trenzado|Cuello Alto Lana|Alpaca Peruana", "",
     "tejido suave y abrigado para los días fríos", 24990, 59990, 350, 600, {35, 30, 6},
     Options::kClothingSizes, false},
    {"ropa-mujer", "Falda", "", "Denim Corta|Plisada Midi", "", "con cintura cómoda y gran calce",
     14990, 24990, 200, 350, {30, 25, 3}, Options::kClothingSizes, false},
    {"ropa-mujer", "Pijama Mujer", "", "Satín Dos Piezas|Polar Invierno", "",
     "suave y abrigado para un buen descanso", 14990, 24990, 300, 500, {30, 25, 5},
     Options::kClothingSizes, false},
    // Ropa hombre
    {"ropa-hombre", "Polera Hombre", "Nike", "Sportswear Club|Just Do It Swoosh|Dri-FIT Legend",
     "", "de algodón o tela Dri-FIT que aleja el sudor", 17990, 29990, 180, 250, {30, 25, 3},
     Options::kClothingSizes},
    {"ropa-hombre", "Polera Hombre", "Adidas", "Essentials 3 Bandas|Trefoil Classic|Own the Run",
     "", "de algodón suave con el logo clásico", 16990, 29990, 180, 250, {30, 25, 3},
     Options::kClothingSizes},
    {"ropa-hombre", "Camisa Hombre", "", "Oxford Manga Larga|Lino Manga Corta|Franela Cuadros|"
     "Slim Fit Blanca", "", "de algodón, con cuello firme y botones reforzados", 17990, 29990,
     250, 350, {32, 26, 4}, Options::kClothingSizes, false},
    {"ropa-hombre", "Jeans Hombre", "", "Regular Fit Negro|Slim Fit Azul|Straight Vintage|"
     "Cargo Relaxed", "", "de mezclilla resistente con costuras reforzadas", 19990, 34990, 500,
     700, {35, 30, 5}, Options::kClothingSizes, false},
    {"ropa-hombre", "Pantalón Chino", "", "Regular Azul Marino|Slim Beige", "",
     "de gabardina de algodón con elasticidad", 19990, 27990, 400, 550, {35, 30, 5},
     Options::kClothingSizes, false},
    {"ropa-hombre", "Chaqueta Hombre", "Columbia", "Steens Mountain Polar|Watertight II|"
     "Powder Lite", "", "impermeable y respirable, para la lluvia de Santiago al sur",
     59990, 149990, 400, 900, {40, 30, 8}, Options::kClothingSizes},
    {"ropa-hombre", "Parka Hombre", "Doite", "Softshell Andes|Plumón Ultralight|Impermeable "
     "Patagonia", "", "técnica y abrigada, con capucha y bolsillos con cierre", 49990, 129990,
     400, 900, {40, 30, 8}, Options::kClothingSizes},
    {"ropa-hombre", "Polerón Hombre", "Puma", "ESS Big Logo|Essentials Hoodie", "",
     "de felpa de algodón con capucha y bolsillo canguro", 29990, 44990, 450, 650, {35, 30, 6},
     Options::kClothingSizes},
    {"ropa-hombre", "Buzo Hombre", "Adidas", "Essentials Fleece|Tiro 24", "",
     "cómodo para entrenar o para estar en casa", 29990, 49990, 400, 600, {35, 30, 5},
     Options::kClothingSizes},
    {"ropa-hombre", "Short Deportivo", "Nike", "Challenger|Club Fleece", "",
     "liviano, con calzoncillo interior y bolsillo para llaves", 19990, 29990, 150, 250,
     {30, 25, 3}, Options::kClothingSizes},
    {"ropa-hombre", "Sweater Hombre", "", "Trenzado Grueso|Lana Merino Cuello V", "",
     "tejido de lana abrigado y suave", 27990, 49990, 400, 600, {35, 30, 6},
     Options::kClothingSizes, false},
    // Accesorios
    {"accesorios", "Mochila", "Adidas", "Classic Badge of Sport|Power VII", "",
     "con compartimiento acolchado para notebook y bolsillos laterales", 24990, 39990, 400, 700,
     {45, 30, 15}, Options::kColors},
    {"accesorios", "Mochila", "Nike", "Brasilia|Heritage", "",
     "resistente, con tirantes acolchados y bolsillo frontal con cierre", 22990, 34990, 400, 700,
     {45, 30, 15}, Options::kColors},
    {"accesorios", "Mochila", "Doite", "Urbana 25L|Trekking 40L", "",
     "de nylon ripstop con funda para la lluvia", 34990, 69990, 600, 1300, {55, 30, 20},
     Options::kColors},
    {"accesorios", "Reloj Inteligente", "Samsung", "Galaxy Fit3|Galaxy Watch FE|Galaxy Watch6|"
     "Galaxy Watch6 Classic", "",
     "que mide tu ritmo cardíaco, sueño y entrenamiento, con GPS y pagos sin contacto",
     59990, 399990, 30, 60, {12, 10, 8}, Options::kColors},
    {"accesorios", "Reloj Inteligente", "Apple", "Watch SE|Watch Series 9|Watch Ultra 2", "",
     "con detección de caídas, electrocardiograma y resistencia al agua", 279990, 999990, 30, 65,
     {12, 10, 8}, Options::kColors},
    {"accesorios", "Smartband", "Xiaomi", "Smart Band 8|Smart Band 9|Redmi Watch 4", "",
     "con pantalla AMOLED, más de 150 modos deportivos y hasta 16 días de batería", 29990, 79990,
     20, 40, {12, 10, 8}},
    {"accesorios", "Lentes de Sol", "", "Deportivo UV400|Wayfarer Clásico|Cat Eye Mujer|"
     "Aviador Polarizado", "", "con protección UV400 y estuche rígido", 12990, 39990, 30, 60,
     {17, 7, 6}, Options::kColors, false},
    {"accesorios", "Billetera de Cuero", "", "Tarjetero Slim|Hombre Clásica|Mujer Larga", "",
     "de cuero genuino con bloqueo RFID", 14990, 34990, 80, 200, {12, 10, 3}, Options::kNone,
     false},
    {"accesorios", "Cinturón de Cuero", "", "Trenzado Casual|Reversible Negro/Café", "",
     "de cuero genuino con hebilla metálica", 14990, 24990, 150, 250, {35, 12, 4},
     Options::kNone, false},
    {"accesorios", "Jockey", "Nike", "Club Cap|Featherlight", "",
     "ajustable, con visera curva y tela que respira", 17990, 24990, 80, 120, {25, 20, 12},
     Options::kColors},
    {"accesorios", "Gorro de Lana", "", "Beanie Clásico|Tejido Pompón", "",
     "tejido suave y abrigado para el invierno", 7990, 12990, 80, 120, {25, 20, 5},
     Options::kColors, false},
    // Fitness
    {"fitness", "Mancuernas", "", "Neopreno 2 kg Par|Hexagonales 5 kg Par|Hexagonales 10 kg Par|"
     "Ajustables 24 kg", "", "con agarre antideslizante y recubrimiento que protege el piso",
     9990, 149990, 4000, 24000, {35, 25, 20}, Options::kNone, false},
    {"fitness", "Bicicleta Estática", "", "Magnética Plegable|Spinning Pro 13 kg|Recumbente "
     "Confort", "", "con monitor de tiempo, distancia y calorías, y resistencia regulable",
     149990, 449990, 18000, 45000, {110, 55, 30}, Options::kNone, false},
    {"fitness", "Trotadora Eléctrica", "", "Caminadora Compacta|Plegable 1,5 HP|Pro 3 HP "
     "Inclinación", "", "plegable, con amortiguación y programas de entrenamiento",
     249990, 899990, 25000, 80000, {160, 75, 30}, Options::kNone, false},
    {"fitness", "Mat de Yoga", "Adidas", "Essentials 6 mm|Premium 8 mm", "",
     "antideslizante, con correa para transportarlo", 19990, 34990, 900, 1500, {62, 15, 15},
     Options::kColors},
    {"fitness", "Mat de Yoga", "", "TPE Ecológico 6 mm|Antideslizante 10 mm", "",
     "liviano y fácil de limpiar", 12990, 19990, 800, 1200, {62, 15, 15}, Options::kColors,
     false},
    {"fitness", "Bandas Elásticas", "", "Loop Tela 3 Unidades|Set 5 Niveles|Tubular con Manillas",
     "", "de látex natural resistente, con bolsa de transporte", 7990, 19990, 200, 600,
     {20, 15, 8}, Options::kNone, false},
    {"fitness", "Kettlebell", "", "8 kg|12 kg|16 kg|20 kg", "",
     "de fierro fundido con recubrimiento de vinilo", 19990, 49990, 8000, 20000, {25, 20, 30},
     Options::kNone, false},
    {"fitness", "Banco de Ejercicios", "", "Abdominal Plegable|Regulable Plano/Inclinado", "",
     "firme y regulable, soporta hasta 250 kg", 49990, 119990, 9000, 20000, {120, 45, 25},
     Options::kNone, false},
    {"fitness", "Balón Medicinal", "", "3 kg|5 kg", "", "de goma con superficie texturizada",
     14990, 22990, 3000, 5000, {25, 25, 25}, Options::kNone, false},
    // Ciclismo
    {"ciclismo", "Bicicleta MTB", "Oxford", "Venus 1 Aro 27,5|Merak 1 Aro 29|Orion 5 Aro 29|"
     "Mercurio Aro 29", "", "con marco de aluminio, frenos de disco y cambios Shimano",
     229990, 549990, 13000, 16000, {150, 25, 80}, Options::kClothingSizes},
    {"ciclismo", "Bicicleta", "Trek", "Marlin 5|FX 2 Disc|Marlin 7|Dual Sport 3|Domane AL 2", "",
     "con marco Alpha Aluminum, geometría cómoda y componentes de calidad",
     599990, 1299990, 11000, 15000, {150, 25, 80}, Options::kClothingSizes},
    {"ciclismo", "Bicicleta Infantil", "Oxford", "Aro 12|Aro 16|Aro 20", "",
     "con ruedas de apoyo, cadena protegida y frenos fáciles de usar", 89990, 179990, 7000,
     11000, {100, 20, 60}},
    {"ciclismo", "Scooter Eléctrico", "Xiaomi", "Electric Scooter 4 Lite|Electric Scooter 4|"
     "Electric Scooter 4 Pro", "", "plegable, con hasta 55 km de autonomía y freno regenerativo",
     399990, 799990, 14000, 18000, {115, 25, 50}},
    {"ciclismo", "Casco de Ciclismo", "", "Urbano con Luz LED|MTB Ventilado|Ruta Aerodinámico",
     "", "liviano, con ajuste regulable y certificación de seguridad", 24990, 69990, 250, 400,
     {30, 25, 20}, Options::kClothingSizes, false},
    {"ciclismo", "Luces para Bicicleta", "", "Trasera Láser|Set Delantera y Trasera USB", "",
     "recargables por USB y resistentes a la lluvia", 9990, 24990, 80, 200, {15, 10, 6},
     Options::kNone, false},
    {"ciclismo", "Candado para Bicicleta", "", "Cable Espiral con Clave|U-Lock Acero", "",
     "de acero endurecido con soporte para el marco", 9990, 29990, 300, 1400, {30, 15, 6},
     Options::kNone, false},
    {"ciclismo", "Bomba de Aire", "", "Mini Portátil|Pie con Manómetro", "",
     "compatible con válvulas Presta y Schrader", 9990, 24990, 150, 1200, {60, 12, 10},
     Options::kNone, false},
    {"ciclismo", "Guantes de Ciclismo", "", "Medio Dedo Gel|Dedo Completo Invierno", "",
     "con palma acolchada de gel y cierre de velcro", 9990, 16990, 60, 120, {20, 12, 3},
     Options::kClothingSizes, false},
    // Outdoor
    {"outdoor", "Carpa", "Doite", "Andes 2 Personas|Patagonia 3 Personas|Andes 4 Personas|"
     "Familiar 6 Personas", "", "de armado rápido, con sobretecho impermeable y costuras selladas",
     69990, 299990, 2500, 9000, {60, 20, 20}},
    {"outdoor", "Saco de Dormir", "Doite", "Verano 10 °C|Lomas -5 °C|Aconcagua -10 °C", "",
     "tipo momia, con capucha ajustable y bolsa de compresión", 34990, 129990, 1000, 2200,
     {45, 25, 25}},
    {"outdoor", "Mochila de Trekking", "Columbia", "Newton 30L|Triple Canyon 42L", "",
     "con espaldar ventilado, cinturón lumbar y cubremochila", 59990, 99990, 900, 1500,
     {60, 35, 25}},
    {"outdoor", "Cortaviento", "Columbia", "Flash Forward|Inner Limits II", "",
     "liviano y compacto, se guarda en su propio bolsillo", 39990, 59990, 200, 350, {30, 25, 5},
     Options::kClothingSizes},
    {"outdoor", "Linterna Frontal", "", "LED 300 Lúmenes|Recargable 1000 Lúmenes", "",
     "con luz roja, tres modos de intensidad y banda ajustable", 9990, 29990, 80, 150,
     {15, 10, 8}, Options::kNone, false},
    {"outdoor", "Silla de Camping", "", "Plegable Director|Ultraliviana", "",
     "plegable, con portavasos y bolso de transporte", 19990, 49990, 900, 3500, {90, 20, 15},
     Options::kNone, false},
    {"outdoor", "Cooler", "", "Blando 20 Latas|Rígido 25 L|Rígido 45 L", "",
     "que mantiene el hielo hasta 48 horas", 24990, 79990, 800, 6000, {60, 40, 40},
     Options::kNone, false},
    {"outdoor", "Botella Térmica", "", "Acero 750 ml|Acero 1 L", "",
     "de doble pared que mantiene el frío 24 horas y el calor 12 horas", 14990, 24990, 350, 500,
     {28, 9, 9}, Options::kColors, false},
    {"outdoor", "Bastones de Trekking", "Doite", "Aluminio Par|Carbono Par", "",
     "telescópicos, con empuñadura de corcho y punta de tungsteno", 29990, 69990, 450, 600,
     {70, 12, 8}},
    {"outdoor", "Hamaca", "", "Paracaídas Doble|Algodón Colombiana", "",
     "resistente, con cuerdas y mosquetones incluidos", 19990, 39990, 500, 1500, {30, 20, 12},
     Options::kNone, false},
    {"outdoor", "Parrilla Portátil", "", "Carbón Kettle 47 cm|Gas Camping", "",
     "ideal para asados en el camping o la terraza", 49990, 89990, 5000, 8000, {55, 50, 30},
     Options::kNone, false},
    // Belleza
    {"belleza", "Secador de Pelo", "Philips", "Essential Care 1600W|Serie 3000 2100W|"
     "ThermoProtect 2200W", "", "con iones que reducen el frizz y boquilla concentradora",
     19990, 49990, 450, 700, {28, 22, 10}},
    {"belleza", "Plancha de Pelo", "Philips", "StraightCare Essential|Serie 3000 Cerámica", "",
     "con placas de cerámica y temperatura regulable", 24990, 39990, 300, 500, {35, 10, 6}},
    {"belleza", "Afeitadora", "Philips", "OneBlade Pro|Serie 3000|Serie 5000", "",
     "para afeitar en seco o bajo la ducha, con cabezales flexibles", 49990, 119990, 200, 450,
     {20, 12, 8}},
    {"belleza", "Depiladora", "Philips", "Satinelle Essential|Lumea IPL Serie 7000", "",
     "suave con la piel, con resultados duraderos", 34990, 399990, 250, 600, {22, 15, 8}},
    {"belleza", "Shampoo", "L'Oréal", "Elvive Reparación Total 5 400 ml|Elvive Hialurónico "
     "680 ml|Elvive Óleo Extraordinario 680 ml", "", "que nutre y repara el cabello dañado",
     4990, 8990, 420, 720, {8, 6, 22}},
    {"belleza", "Crema Facial", "Nivea", "Soft Hidratante 200 ml|Q10 Antiarrugas Día 50 ml|"
     "Cellular Luminous 630 Sérum", "", "de rápida absorción, para una piel suave e hidratada",
     5990, 24990, 80, 250, {10, 10, 8}},
    {"belleza", "Protector Solar", "Nivea", "Sun Kids FPS 50 150 ml|Sun FPS 50 200 ml|"
     "Sun Toque Seco FPS 50", "", "con protección UVA y UVB, resistente al agua",
     9990, 16990, 170, 230, {15, 6, 4}},
    {"belleza", "Máscara de Pestañas", "Maybelline", "Lash Sensational|The Colossal|"
     "Lash Sensational Sky High", "", "que alarga y da volumen sin grumos", 6990, 12990, 20, 40,
     {14, 3, 3}},
    {"belleza", "Base de Maquillaje", "Maybelline", "Fit Me Mate|Super Stay 30H|"
     "Instant Age Rewind Corrector", "", "de larga duración con acabado natural", 8990, 14990,
     40, 80, {12, 5, 5}},
    {"belleza", "Labial", "L'Oréal", "Brilliant Signature|Color Riche Mate|Infaillible 24H", "",
     "de color intenso y fórmula que hidrata los labios", 7990, 12990, 15, 30, {9, 3, 3}},
    {"belleza", "Set de Cuidado Personal", "Nivea", "Men Sensitive|Men Deep", "",
     "con gel de afeitar, bálsamo y desodorante, ideal para regalar", 14990, 19990, 500, 800,
     {25, 20, 8}},
    // Juguetes
    {"juguetes", "Set", "Lego", "Duplo Tren de los Números|Classic Caja Creativa Grande|"
     "City Estación de Policía|Friends Casa de Playa|Creator Casa en el Árbol|"
     "Ninjago Dragón Elemental|Technic Lamborghini Sián|Star Wars Halcón Milenario", "",
     "con instrucciones paso a paso y piezas compatibles con todos los sets Lego",
     19990, 899990, 500, 12000, {48, 38, 12}},
    {"juguetes", "Muñeca", "Mattel", "Barbie Fashionista|Barbie Profesiones Doctora|"
     "Barbie Dreamtopia Sirena|Polly Pocket Parque", "", "con accesorios para inventar historias",
     12990, 39990, 200, 700, {33, 20, 6}},
    {"juguetes", "Pista", "Mattel", "Hot Wheels Pack 20 Autos|Hot Wheels City Garaje|"
     "Hot Wheels Loop Cyclone", "", "con autos a escala 1:64 y piezas para armar circuitos",
     24990, 59990, 800, 3000, {50, 35, 12}},
    {"juguetes", "Juego de Mesa", "Mattel", "UNO Clásico|Pictionary Air", "",
     "para jugar en familia o con amigos", 4990, 24990, 150, 600, {25, 25, 6}},
    {"juguetes", "Juego de Mesa", "Hasbro", "Jenga|Twister|Clue|Monopoly Clásico|Monopoly Chile",
     "", "un clásico para las tardes de lluvia y las vacaciones", 12990, 34990, 600, 1500,
     {40, 27, 6}},
    {"juguetes", "Figura de Acción", "Hasbro", "Marvel Legends Spider-Man|Transformers Optimus "
     "Prime|Star Wars The Black Series Mandalorian", "",
     "articulada, con accesorios y gran nivel de detalle", 19990, 49990, 200, 600, {30, 20, 8}},
    {"juguetes", "Lanzador", "Hasbro", "Nerf Elite 2.0 Eaglepoint|Nerf Elite 2.0 Commander", "",
     "con dardos de espuma Nerf y alcance de hasta 27 metros", 19990, 39990, 600, 1200,
     {45, 30, 8}},
    {"juguetes", "Peluche", "", "Pudú Chileno|Llama Andina|Oso Gigante 1 Metro", "",
     "suave y lavable, con materiales hipoalergénicos", 9990, 49990, 200, 2500, {40, 30, 30},
     Options::kNone, false},
    {"juguetes", "Rompecabezas", "", "500 Piezas Valparaíso|1000 Piezas Torres del Paine|"
     "2000 Piezas Mapamundi", "", "con piezas de cartón grueso y póster de referencia",
     9990, 24990, 400, 1200, {35, 25, 6}, Options::kNone, false},
    // Libros
    {"libros", "Libro", "Penguin Random House",
     "Paula - Isabel Allende|La casa de los espíritus - Isabel Allende|Violeta - Isabel Allende|"
     "Cien años de soledad - Gabriel García Márquez|El amor en los tiempos del cólera - Gabriel "
     "García Márquez|Los detectives salvajes - Roberto Bolaño|2666 - Roberto Bolaño|"
     "Rayuela - Julio Cortázar|La ciudad y los perros - Mario Vargas Llosa|Hábitos atómicos - "
     "James Clear|Sapiens - Yuval Noah Harari|El infinito en un junco - Irene Vallejo", "",
     "en edición de bolsillo, una lectura imprescindible en español", 9990, 24990, 250, 900,
     {23, 15, 4}, Options::kNone, false},
    {"libros", "Libro", "Planeta",
     "El principito - Antoine de Saint-Exupéry|Veinte poemas de amor y una canción desesperada"
     " - Pablo Neruda|Los cuatro acuerdos - Miguel Ruiz|Confieso que he vivido - Pablo Neruda|"
     "Padre rico, padre pobre - Robert Kiyosaki|La sombra del viento - Carlos Ruiz Zafón|"
     "El código Da Vinci - Dan Brown", "",
     "en tapa blanda, un título que no puede faltar en tu biblioteca", 8990, 19990, 200, 700,
     {23, 15, 4}, Options::kNone, false},
    {"libros", "Libro", "Zig-Zag",
     "Papelucho - Marcela Paz|Papelucho misionero - Marcela Paz|Mac, el microbio desconocido - "
     "Hernán del Solar|Alhué - José Santos González Vera|Subterra - Baldomero Lillo|"
     "Sub sole - Baldomero Lillo|Desolación - Gabriela Mistral|Martín Rivas - Alberto Blest Gana",
     "", "un clásico chileno de lectura escolar, con ilustraciones", 6990, 14990, 150, 400,
     {21, 14, 2}, Options::kNone, false},
});

constexpr auto kColors = std::to_array<std::string_view>(
    {"Negro", "Blanco", "Gris", "Azul", "Rojo", "Verde", "Beige", "Rosado", "Azul marino", "Café"});
constexpr auto kShoeSizes =
    std::to_array<std::string_view>({"36", "37", "38", "39", "40", "41", "42", "43", "44", "45"});
constexpr auto kClothingSizes =
    std::to_array<std::string_view>({"XS", "S", "M", "L", "XL", "XXL"});
constexpr auto kStorage = std::to_array<std::string_view>({"128GB", "256GB", "512GB"});

constexpr auto kServiceLines = std::to_array<std::string_view>({
    "Despacho a todo Chile en camión o retiro sin costo en nuestra bodega de Santiago.",
    "Recíbelo en 24 a 72 horas hábiles en la Región Metropolitana y la Región de Valparaíso.",
    "Paga en hasta 12 cuotas sin interés con tarjetas de crédito bancarias.",
    "Incluye boleta o factura electrónica y cambio sin costo dentro de 30 días.",
    "Embalaje reforzado para que llegue en perfectas condiciones a tu casa.",
    "Atención postventa por chat y correo electrónico de lunes a sábado.",
});

constexpr std::string_view kStoreName = "eCommerce Moderno";
constexpr std::string_view kCurrency = "CLP";
constexpr std::string_view kBenchSkuPrefix = "BENCH-";

// Fixed seeds: the same data on every machine and every run.
constexpr std::uint64_t kDemoSeed = 0x4d6f6465726e6f31;   // "Moderno1"
constexpr std::uint64_t kBenchSeed = 0x42656e6368303031;  // "Bench001"

// Rows per multi-row INSERT (under both dialects' parameter limits), and products per
// transaction for the extra products (big enough to amortise commits, small enough to keep
// lock times and memory modest).
constexpr std::size_t kRowsPerStatement = 200;
constexpr std::size_t kProductsPerBatch = 5000;

// ---------------------------------------------------------------------------------------------
// Small helpers.

// splitmix64: tiny, fast and good enough for varied demo data.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
    z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
    return z ^ (z >> 31);
  }
  // A number in [lo, hi].
  std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Next() % static_cast<std::uint64_t>(hi - lo + 1));
  }
  // An index into a container of `size` elements.
  std::size_t Index(std::size_t size) { return static_cast<std::size_t>(Next() % size); }
  // True `percent` times in a hundred.
  bool Chance(int percent) { return Between(0, 99) < percent; }

 private:
  std::uint64_t state_;
};

std::vector<std::string_view> Split(std::string_view list) {
  std::vector<std::string_view> out;
  if (list.empty()) return out;
  for (std::size_t start = 0;;) {
    const std::size_t bar = list.find('|', start);
    out.push_back(list.substr(start, bar - start));
    if (bar == std::string_view::npos) return out;
    start = bar + 1;
  }
}

std::string Join(std::initializer_list<std::string_view> parts, std::string_view sep = " ") {
  std::string out;
  for (std::string_view p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

std::string ReplaceBrand(std::string_view line, std::string_view brand) {
  std::string out(line);
  if (auto at = out.find("{brand}"); at != std::string::npos) out.replace(at, 7, brand);
  return out;
}

// "Zapatillas Running Nike Air Force 1 '07" -> "zapatillas-running-nike-air-force-1-07".
std::string Slugify(std::string_view name) {
  std::string out;
  for (char c : text::Fold(name)) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (alnum) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

// Cuts at most `max` bytes without splitting a UTF-8 character.
std::string TruncateUtf8(std::string s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
  s.resize(end);
  return s;
}

std::string Capitalized(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 32);
  return out;
}

std::string JsonString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string JsonObject(std::initializer_list<std::pair<std::string_view, std::string_view>> kv) {
  std::string out = "{";
  for (const auto& [key, value] : kv) {
    if (out.size() > 1) out += ",";
    out += JsonString(key) + ":" + JsonString(value);
  }
  return out + "}";
}

std::string Padded(std::string_view prefix, std::int64_t n, int width) {
  char digits[24];
  std::snprintf(digits, sizeof digits, "%0*lld", width, static_cast<long long>(n));
  return std::string(prefix) + digits;
}

// The store's timestamp format: 'YYYY-MM-DD HH:MM:SS' in UTC.
std::string Timestamp(std::chrono::system_clock::time_point tp) {
  const std::time_t t = std::chrono::system_clock::to_time_t(tp);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char buf[20];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &utc);
  return buf;
}

// Chilean shelf prices end in 990.
std::int64_t ShelfPrice(std::int64_t clp) {
  return std::max<std::int64_t>(990, (clp + 500) / 1000 * 1000 - 10);
}

// A valid EAN-13 under Chile's GS1 prefix 780.
std::string Ean13(Rng& rng) {
  std::string code = "780";
  while (code.size() < 12) code += static_cast<char>('0' + rng.Between(0, 9));
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += (code[i] - '0') * (i % 2 ? 3 : 1);
  code += static_cast<char>('0' + (10 - sum % 10) % 10);
  return code;
}

// "a, b y c".
std::string Enumeration(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " y " : ", ";
    out += items[i];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The plan: families with their lists split and their category resolved.

struct FamilyPlan {
  const Family* family;
  const CategorySeed* category;
  std::vector<std::string_view> models;
  std::vector<std::string_view> specs;  // {""} when the family has none
};

const CategorySeed* FindCategory(std::string_view slug) {
  for (const CategorySeed& c : kCategories) {
    if (c.slug == slug) return &c;
  }
  return nullptr;
}

bool KnownBrand(std::string_view name) {
  return std::ranges::any_of(kBrands, [&](const BrandSeed& b) { return b.name == name; });
}

Result<std::vector<FamilyPlan>> MakePlan() {
  std::vector<FamilyPlan> plan;
  for (const Family& f : kFamilies) {
    const CategorySeed* category = FindCategory(f.category);
    if (!category || category->sku_prefix.empty()) {
      return Fail(Errc::kInternal,
                  "seed data: no product category '" + std::string(f.category) + "'");
    }
    if (!f.brand.empty() && !KnownBrand(f.brand)) {
      return Fail(Errc::kInternal, "seed data: unknown brand '" + std::string(f.brand) + "'");
    }
    FamilyPlan p{&f, category, Split(f.models), Split(f.specs)};
    if (p.specs.empty()) p.specs.push_back("");
    plan.push_back(std::move(p));
  }
  return plan;
}

// Ids of the rows the products refer to.
struct Taxonomy {
  std::unordered_map<std::string_view, std::int64_t> category_ids;  // by slug
  std::unordered_map<std::string_view, std::int64_t> brand_ids;     // by name
  std::vector<std::int64_t> warehouse_ids;                          // as in kWarehouses
};

// ---------------------------------------------------------------------------------------------
// Products in memory, ready to insert.

struct VariantDraft {
  std::string name, sku, options, barcode;
  std::optional<std::int64_t> price, compare_price, cost_price;
};

using Quantities = std::array<int, kWarehouses.size()>;

struct ProductDraft {
  std::string name, slug, sku, short_description, description, search_text, meta_title,
      meta_description, dimensions, created_at;
  std::int64_t price = 0;
  std::optional<std::int64_t> compare_price;
  std::int64_t cost_price = 0;
  std::int64_t category_id = 0;
  std::optional<std::int64_t> brand_id;
  int weight_grams = 0;
  int sales_count = 0;
  int images = 1;
  bool featured = false;
  std::vector<VariantDraft> variants;
  std::vector<Quantities> stock;  // one per variant, or one for a product without variants
};

enum class StockLevel { kOut, kLow, kPlenty };

StockLevel RollStockLevel(Rng& rng) {
  const auto roll = rng.Between(0, 99);
  return roll < 5 ? StockLevel::kOut : roll < 15 ? StockLevel::kLow : StockLevel::kPlenty;
}

// Low stock stays below the default reorder point (10) in every warehouse.
Quantities RollQuantities(StockLevel level, Rng& rng) {
  Quantities q{};
  for (std::size_t w = 0; w < q.size(); ++w) {
    const bool main = w == 0;
    switch (level) {
      case StockLevel::kOut: q[w] = 0; break;
      case StockLevel::kLow:
        q[w] = static_cast<int>(main ? rng.Between(1, 9) : rng.Between(0, 5));
        break;
      case StockLevel::kPlenty:
        q[w] = static_cast<int>(main ? rng.Between(20, 150) : rng.Between(10, 80));
        break;
    }
  }
  return q;
}

// Name, prices, weight and size of model `m` in spec `s` of a family.
ProductDraft BaseProduct(const FamilyPlan& fp, std::size_t m, std::size_t s, Rng& rng,
                         const Taxonomy& tax, std::chrono::system_clock::time_point now) {
  const Family& f = *fp.family;
  ProductDraft p;
  p.name = Join({f.kind, f.brand_in_name ? f.brand : "", fp.models[m], fp.specs[s]});
  p.category_id = tax.category_ids.at(f.category);
  if (!f.brand.empty()) p.brand_id = tax.brand_ids.at(f.brand);

  // Quadratic from the cheapest to the dearest model: ranges have many entry models and few
  // flagships, as real ones do.
  const auto last = static_cast<std::int64_t>(fp.models.size()) - 1;
  const auto rank = static_cast<std::int64_t>(m);
  std::int64_t price = f.min_price;
  if (last > 0) price += (f.max_price - f.min_price) * rank * rank / (last * last);
  price = price * (100 + 25 * static_cast<std::int64_t>(s)) / 100;  // bigger specs cost more
  p.price = ShelfPrice(price * rng.Between(94, 106) / 100);
  if (rng.Chance(20)) {
    p.compare_price = std::max(ShelfPrice(p.price * rng.Between(112, 140) / 100), p.price + 1000);
  }
  p.cost_price = p.price * rng.Between(55, 70) / 100;

  p.weight_grams = static_cast<int>(rng.Between(f.min_grams, f.max_grams));
  std::array<std::int64_t, 3> cm{};
  for (std::size_t i = 0; i < cm.size(); ++i) {
    cm[i] = std::max<std::int64_t>(1, f.box_cm[i] * rng.Between(90, 110) / 100);
  }
  p.dimensions = "{\"length_cm\":" + std::to_string(cm[0]) + ",\"width_cm\":" +
                 std::to_string(cm[1]) + ",\"height_cm\":" + std::to_string(cm[2]) + "}";
  p.featured = rng.Chance(10);
  p.sales_count = static_cast<int>(rng.Between(0, 500));
  p.images = static_cast<int>(rng.Between(1, 3));
  p.created_at = Timestamp(now - std::chrono::seconds(rng.Between(0, 365 * 24 * 3600)));
  return p;
}

// `count` consecutive entries of `values`, starting at a random place that leaves room.
std::vector<std::string_view> Run(std::span<const std::string_view> values, std::size_t count,
                                  Rng& rng) {
  count = std::min(count, values.size());
  const std::size_t start = rng.Index(values.size() - count + 1);
  return {values.begin() + static_cast<std::ptrdiff_t>(start),
          values.begin() + static_cast<std::ptrdiff_t>(start + count)};
}

// `count` different colours.
std::vector<std::string_view> Colors(std::size_t count, Rng& rng) {
  const std::size_t start = rng.Index(kColors.size());
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < count; ++i) out.push_back(kColors[(start + i) % kColors.size()]);
  return out;
}

// Adds the variants (2 to 6) of a demo product; returns the sentence that lists them.
std::string AddVariants(ProductDraft& p, Options options, Rng& rng) {
  const std::string_view color = kColors[rng.Index(kColors.size())];
  std::vector<std::string_view> values;
  std::string sentence;
  switch (options) {
    case Options::kNone: return {};
    case Options::kShoeSizes:
      values = Run(kShoeSizes, static_cast<std::size_t>(rng.Between(4, 6)), rng);
      sentence = "Color " + std::string(color) + ", disponible en tallas " +
                 std::string(values.front()) + " a " + std::string(values.back()) + ".";
      break;
    case Options::kClothingSizes:
      values = Run(kClothingSizes, static_cast<std::size_t>(rng.Between(3, 5)), rng);
      sentence = "Color " + std::string(color) + ", disponible en tallas " +
                 Enumeration(values) + ".";
      break;
    case Options::kStorage:
      values = Run(kStorage, static_cast<std::size_t>(rng.Between(2, 3)), rng);
      sentence = "Color " + std::string(color) + ", con " + Enumeration(values) +
                 " de almacenamiento a elección.";
      break;
    case Options::kColors:
      values = Colors(static_cast<std::size_t>(rng.Between(2, 4)), rng);
      sentence = "Disponible en " + Enumeration(values) + ".";
      break;
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    VariantDraft v;
    v.sku = Padded(p.sku + "-", static_cast<std::int64_t>(i + 1), 2);
    v.barcode = Ean13(rng);
    switch (options) {
      case Options::kShoeSizes:
      case Options::kClothingSizes:
        v.name = "Talla " + std::string(values[i]);
        v.options = JsonObject({{"talla", values[i]}, {"color", color}});
        break;
      case Options::kStorage:
        v.name = std::string(values[i]);
        v.options = JsonObject({{"capacidad", values[i]}, {"color", color}});
        // More storage costs more; the first capacity keeps the product's price.
        if (i > 0) {
          v.price = ShelfPrice(p.price * static_cast<std::int64_t>(100 + 18 * i) / 100);
          v.cost_price = *v.price * 65 / 100;
          if (p.compare_price) v.compare_price = *v.price + (*p.compare_price - p.price);
        }
        break;
      case Options::kColors:
      case Options::kNone:
        v.name = std::string(values[i]);
        v.options = JsonObject({{"color", values[i]}});
        break;
    }
    p.variants.push_back(std::move(v));
  }
  return sentence;
}

// Descriptions, search text and SEO fields, once the name, SKU and variants are known.
void Describe(ProductDraft& p, const FamilyPlan& fp, std::string_view variants_sentence,
              Rng& rng) {
  const Family& f = *fp.family;
  const CategorySeed& c = *fp.category;
  const std::string_view brand_template = c.brand_line.empty() ? kDefaultBrandLine : c.brand_line;
  const std::string brand_line =
      f.brand.empty() ? std::string(kUnbrandedLine) : ReplaceBrand(brand_template, f.brand);
  const std::size_t first = rng.Index(kServiceLines.size());
  const std::size_t second =
      (first + 1 + rng.Index(kServiceLines.size() - 1)) % kServiceLines.size();

  p.short_description = Capitalized(f.pitch) + ".";
  p.description = Join({p.name + " " + std::string(f.pitch) + ".", variants_sentence, c.about,
                        brand_line, kServiceLines[first], kServiceLines[second]});
  p.search_text = text::Fold(
      Join({p.name, p.sku, f.brand, p.short_description, p.description}));
  p.meta_title = TruncateUtf8(p.name + " | " + std::string(kStoreName), 255);
  p.meta_description = TruncateUtf8(
      "Compra " + p.name + " en " + std::string(kStoreName) + ". " + p.short_description, 300);
}

void RollStock(ProductDraft& p, Rng& rng) {
  const StockLevel level = RollStockLevel(rng);
  const std::size_t rows = std::max<std::size_t>(1, p.variants.size());
  for (std::size_t i = 0; i < rows; ++i) p.stock.push_back(RollQuantities(level, rng));
}

// The demo store's products, in a fixed order with fixed SKUs.
std::vector<ProductDraft> DemoProducts(const std::vector<FamilyPlan>& plan, const Taxonomy& tax,
                                       std::chrono::system_clock::time_point now) {
  std::vector<ProductDraft> out;
  std::unordered_set<std::string> slugs;
  std::int64_t n = 0;
  for (const FamilyPlan& fp : plan) {
    for (std::size_t m = 0; m < fp.models.size(); ++m) {
      for (std::size_t s = 0; s < fp.specs.size(); ++s) {
        ++n;
        Rng rng(kDemoSeed ^ (static_cast<std::uint64_t>(n) * 0x9e3779b97f4a7c15));
        ProductDraft p = BaseProduct(fp, m, s, rng, tax, now);
        p.sku = Padded(std::string(fp.category->sku_prefix) + "-", n, 5);
        p.slug = Slugify(p.name);
        for (int k = 2; !slugs.insert(p.slug).second; ++k) {
          p.slug = Slugify(p.name) + "-" + std::to_string(k);
        }
        const std::string sentence = AddVariants(p, fp.family->options, rng);
        Describe(p, fp, sentence, rng);
        RollStock(p, rng);
        out.push_back(std::move(p));
      }
    }
  }
  return out;
}

// Extra product number k: always the same product, whatever else the database holds.
ProductDraft ExtraProduct(const std::vector<FamilyPlan>& plan, const Taxonomy& tax,
                          std::int64_t k, std::chrono::system_clock::time_point now) {
  Rng rng(kBenchSeed ^ (static_cast<std::uint64_t>(k) * 0x9e3779b97f4a7c15));
  const FamilyPlan& fp = plan[rng.Index(plan.size())];
  const std::size_t m = rng.Index(fp.models.size());
  const std::size_t s = rng.Index(fp.specs.size());
  ProductDraft p = BaseProduct(fp, m, s, rng, tax, now);
  p.sku = Padded(kBenchSkuPrefix, k, 7);
  p.slug = "bench-" + Slugify(p.name) + "-" + std::to_string(k);
  p.featured = false;  // the featured shelf stays the demo's
  p.images = 1;
  Describe(p, fp, "", rng);
  RollStock(p, rng);
  return p;
}

// ---------------------------------------------------------------------------------------------
// Writing.

// "INSERT INTO t (a, b) VALUES (?,?),(?,?)" for `rows` rows.
std::string InsertSql(std::string_view head, std::size_t columns, std::size_t rows) {
  std::string tuple = "(";
  for (std::size_t c = 0; c < columns; ++c) tuple += c ? ",?" : "?";
  tuple += ")";
  std::string sql(head);
  sql += " VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    if (r) sql += ",";
    sql += tuple;
  }
  return sql;
}

// Inserts rows with multi-row statements; every full statement has the same text, so the
// driver prepares it once.
template <class T, class Append>
void InsertRows(db::UnitOfWork& uow, std::string_view head, std::size_t columns,
                std::span<const T> rows, Append append) {
  for (std::size_t begin = 0; begin < rows.size(); begin += kRowsPerStatement) {
    const std::size_t n = std::min(kRowsPerStatement, rows.size() - begin);
    std::vector<Value> params;
    params.reserve(n * columns);
    for (const T& row : rows.subspan(begin, n)) append(row, params);
    uow.Exec(InsertSql(head, columns, n), params);
  }
}

using IdMap = std::unordered_map<std::string, std::int64_t>;

// Ids by SKU, looked up after inserting: InnoDB does not promise consecutive ids for
// multi-row inserts, so counting from the last insert id would be wrong there.
Result<IdMap> IdsBySku(db::UnitOfWork& uow, std::string_view table,
                       const std::vector<std::string>& skus) {
  IdMap ids;
  ids.reserve(skus.size());
  for (std::size_t begin = 0; begin < skus.size(); begin += kRowsPerStatement) {
    const std::size_t n = std::min(kRowsPerStatement, skus.size() - begin);
    std::string sql = "SELECT id, sku FROM " + std::string(table) + " WHERE sku IN (";
    for (std::size_t i = 0; i < n; ++i) sql += i ? ",?" : "?";
    sql += ")";
    std::vector<Value> params(skus.begin() + static_cast<std::ptrdiff_t>(begin),
                              skus.begin() + static_cast<std::ptrdiff_t>(begin + n));
    for (const db::Row& r : uow.Query(sql, params)) ids.emplace(r.Str(1), r.Int(0));
  }
  if (ids.size() != skus.size()) {
    return Fail(Errc::kInternal, "seed: inserted rows missing from " + std::string(table));
  }
  return ids;
}

struct VariantRow {
  std::int64_t product_id;
  const VariantDraft* variant;
  std::int64_t position;
};
struct ImageRow {
  std::int64_t product_id;
  const std::string* alt;
  std::int64_t position;
};

constexpr std::string_view kInsertProducts =
    "INSERT INTO products (name, slug, sku, short_description, description, search_text, price, "
    "compare_price, cost_price, currency, category_id, brand_id, weight_grams, dimensions, "
    "is_featured, meta_title, meta_description, sales_count, created_at, updated_at)";
constexpr std::size_t kProductColumns = 20;

constexpr std::string_view kInsertVariants =
    "INSERT INTO product_variants (product_id, name, sku, price, compare_price, cost_price, "
    "options, barcode, position)";
constexpr std::size_t kVariantColumns = 9;


constexpr std::string_view kInsertImages =
    "INSERT INTO product_images (product_id, url, alt, position)";
constexpr std::size_t kImageColumns = 4;

// Inserts products with their variants, stock and images; returns how many variants.
Result<int> WriteProducts(db::UnitOfWork& uow, const std::vector<ProductDraft>& products,
                          const Taxonomy& tax) {
  InsertRows<ProductDraft>(uow, kInsertProducts, kProductColumns, products,
                           [](const ProductDraft& p, std::vector<Value>& v) {
    v.insert(v.end(), {p.name, p.slug, p.sku, p.short_description, p.description, p.search_text,
                       p.price, db::Opt(p.compare_price), p.cost_price, std::string(kCurrency),
                       p.category_id, db::Opt(p.brand_id), std::int64_t{p.weight_grams},
                       p.dimensions, std::int64_t{p.featured}, p.meta_title,
                       p.meta_description, std::int64_t{p.sales_count}, p.created_at,
                       p.created_at});
  });
  std::vector<std::string> skus;
  for (const ProductDraft& p : products) skus.push_back(p.sku);
  auto product_ids = IdsBySku(uow, "products", skus);
  if (!product_ids) return std::unexpected(product_ids.error());

  std::vector<VariantRow> variants;
  skus.clear();
  for (const ProductDraft& p : products) {
    for (std::size_t i = 0; i < p.variants.size(); ++i) {
      variants.push_back({product_ids->at(p.sku), &p.variants[i], static_cast<std::int64_t>(i)});
      skus.push_back(p.variants[i].sku);
    }
  }
  InsertRows<VariantRow>(uow, kInsertVariants, kVariantColumns, variants,
                         [](const VariantRow& r, std::vector<Value>& v) {
    const VariantDraft& d = *r.variant;
    v.insert(v.end(), {r.product_id, d.name, d.sku, db::Opt(d.price), db::Opt(d.compare_price),
                       db::Opt(d.cost_price), d.options, d.barcode, r.position});
  });
  auto variant_ids = IdsBySku(uow, "product_variants", skus);
  if (!variant_ids) return std::unexpected(variant_ids.error());

  std::vector<inventory::NewLevel> levels;
  std::vector<ImageRow> images;
  for (const ProductDraft& p : products) {
    const std::int64_t id = product_ids->at(p.sku);
    for (std::size_t i = 0; i < p.stock.size(); ++i) {
      std::optional<std::int64_t> variant_id;
      if (!p.variants.empty()) variant_id = variant_ids->at(p.variants[i].sku);
      for (std::size_t w = 0; w < tax.warehouse_ids.size(); ++w) {
        levels.push_back({id, variant_id, tax.warehouse_ids[w], std::int64_t{p.stock[i][w]}});
      }
    }
    for (int position = 1; position <= p.images; ++position) {
      images.push_back({id, &p.name, position});
    }
  }
  inventory::InsertLevels(uow, levels);
  // An import like any other write: the search indexers pick the products up.
  std::vector<std::int64_t> ids;
  ids.reserve(product_ids->size());
  for (const auto& [sku, id] : *product_ids) ids.push_back(id);
  search_log::Record(uow, search_log::kProduct, ids);
  InsertRows<ImageRow>(uow, kInsertImages, kImageColumns, images,
                       [](const ImageRow& r, std::vector<Value>& v) {
    const std::string url = "/media/placeholder/" + std::to_string(r.product_id) + "-" +
                            std::to_string(r.position) + ".svg";
    v.insert(v.end(), {r.product_id, url, *r.alt, r.position});
  });
  return static_cast<int>(variants.size());
}

std::optional<std::int64_t> FindId(db::UnitOfWork& uow, std::string_view sql,
                                   std::string_view key) {
  auto row = uow.QueryOne(sql, {std::string(key)});
  if (!row) return std::nullopt;
  return row->Int(0);
}

// Inserts the categories, brands and warehouses that are missing; returns all their ids.
Taxonomy EnsureTaxonomy(db::UnitOfWork& uow, SeedReport& report) {
  Taxonomy tax;
  for (std::size_t i = 0; i < kCategories.size(); ++i) {
    const CategorySeed& c = kCategories[i];
    auto id = FindId(uow, "SELECT id FROM categories WHERE slug = ?", c.slug);
    if (!id) {
      const Value parent =
          c.parent.empty() ? Value(db::kNull) : Value(tax.category_ids.at(c.parent));
      id = uow.Exec("INSERT INTO categories (name, slug, description, parent_id, sort_order) "
                    "VALUES (?, ?, ?, ?, ?)",
                    {std::string(c.name), std::string(c.slug), std::string(c.description), parent,
                     static_cast<std::int64_t>(i)})
               .last_insert_id;
      ++report.categories;
    }
    tax.category_ids.emplace(c.slug, *id);
  }
  for (const BrandSeed& b : kBrands) {
    const std::string slug = Slugify(b.name);
    auto id = FindId(uow, "SELECT id FROM brands WHERE slug = ?", slug);
    if (!id) {
      id = uow.Exec("INSERT INTO brands (name, slug, description) VALUES (?, ?, ?)",
                    {std::string(b.name), slug, std::string(b.description)})
               .last_insert_id;
      ++report.brands;
    }
    tax.brand_ids.emplace(b.name, *id);
  }
  for (const WarehouseSeed& w : kWarehouses) {
    auto id = FindId(uow, "SELECT id FROM warehouses WHERE code = ?", w.code);
    if (!id) {
      id = uow.Exec("INSERT INTO warehouses (code, name, city, region, priority) "
                    "VALUES (?, ?, ?, ?, ?)",
                    {std::string(w.code), std::string(w.name), std::string(w.city),
                     std::string(w.region), std::int64_t{w.priority}})
               .last_insert_id;
      ++report.warehouses;
    }
    tax.warehouse_ids.push_back(*id);
  }
  return tax;
}

// The highest extra product number in the database (0 when there is none).
Result<std::int64_t> LastExtraNumber(db::UnitOfWork& uow) {
  auto row = uow.QueryOne("SELECT MAX(sku) FROM products WHERE sku LIKE ?",
                          {std::string(kBenchSkuPrefix) + "%"});
  if (!row || row->IsNull(0)) return 0;
  const std::string sku = row->Str(0);
  std::int64_t n = 0;
  const char* digits = sku.data() + kBenchSkuPrefix.size();
  auto [end, ec] = std::from_chars(digits, sku.data() + sku.size(), n);
  if (ec != std::errc() || end != sku.data() + sku.size()) {
    return Fail(Errc::kConflict, "cannot number extra products after the SKU '" + sku + "'");
  }
  return n;
}

struct BaseResult {
  Taxonomy taxonomy;
  SeedReport report;
};

}  // namespace

Result<SeedReport> Seed(db::Database& db, const SeedOptions& opt) {
  const auto plan = MakePlan();
  if (!plan) return std::unexpected(plan.error());
  const auto now = std::chrono::system_clock::now();

  // Counted inside the unit of work, so that a retried transaction does not count twice.
  auto base = db.Write([&](db::UnitOfWork& uow) -> Result<BaseResult> {
    BaseResult r;
    r.taxonomy = EnsureTaxonomy(uow, r.report);
    if (!opt.demo) return r;
    std::vector<ProductDraft> demo = DemoProducts(*plan, r.taxonomy, now);
    if (uow.QueryOne("SELECT id FROM products WHERE sku = ?", {demo.front().sku})) {
      r.report.skipped_demo = 1;
      return r;
    }
    auto variants = WriteProducts(uow, demo, r.taxonomy);
    if (!variants) return std::unexpected(variants.error());
    r.report.products = static_cast<int>(demo.size());
    r.report.variants = *variants;
    return r;
  });
  if (!base) return std::unexpected(base.error());
  SeedReport report = base->report;

  const auto total = static_cast<std::size_t>(std::max(0, opt.extra_products));
  for (std::size_t done = 0; done < total;) {
    const std::size_t batch = std::min(kProductsPerBatch, total - done);
    auto written = db.Write([&](db::UnitOfWork& uow) -> Result<std::size_t> {
      auto last = LastExtraNumber(uow);
      if (!last) return std::unexpected(last.error());
      std::vector<ProductDraft> products;
      products.reserve(batch);
      for (std::size_t i = 1; i <= batch; ++i) {
        products.push_back(
            ExtraProduct(*plan, base->taxonomy, *last + static_cast<std::int64_t>(i), now));
      }
      auto variants = WriteProducts(uow, products, base->taxonomy);
      if (!variants) return std::unexpected(variants.error());
      return batch;
    });
    if (!written) return std::unexpected(written.error());
    done += *written;
    report.products += static_cast<int>(*written);
    if (opt.progress) opt.progress(done, total);
  }
  return report;
}

}  // namespace moderno::catalog
